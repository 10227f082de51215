package io.jenkins.plugins.buildstash.api;

import com.fasterxml.jackson.databind.JavaType;
import com.fasterxml.jackson.databind.JsonNode;
import io.jenkins.plugins.buildstash.api.RetryPolicy.CallKind;
import io.jenkins.plugins.buildstash.api.model.Application;
import io.jenkins.plugins.buildstash.api.model.ApplicationMember;
import io.jenkins.plugins.buildstash.api.model.Build;
import io.jenkins.plugins.buildstash.api.model.BuildDownload;
import io.jenkins.plugins.buildstash.api.model.CustomTarget;
import io.jenkins.plugins.buildstash.api.model.DefaultStream;
import io.jenkins.plugins.buildstash.api.model.DownloadLink;
import io.jenkins.plugins.buildstash.api.model.FileInfo;
import io.jenkins.plugins.buildstash.api.model.Label;
import io.jenkins.plugins.buildstash.api.model.Member;
import io.jenkins.plugins.buildstash.api.model.MetadataUploadInstructions;
import io.jenkins.plugins.buildstash.api.model.MetadataUploadRequest;
import io.jenkins.plugins.buildstash.api.model.MultipartChunk;
import io.jenkins.plugins.buildstash.api.model.Page;
import io.jenkins.plugins.buildstash.api.model.PartUrl;
import io.jenkins.plugins.buildstash.api.model.Platform;
import io.jenkins.plugins.buildstash.api.model.Release;
import io.jenkins.plugins.buildstash.api.model.Stream;
import io.jenkins.plugins.buildstash.api.model.UploadInstructions;
import io.jenkins.plugins.buildstash.api.model.UploadRequest;
import io.jenkins.plugins.buildstash.api.model.User;
import io.jenkins.plugins.buildstash.api.model.VerifiedUpload;
import io.jenkins.plugins.buildstash.api.model.Webhook;
import io.jenkins.plugins.buildstash.api.model.Workspace;
import java.io.IOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.function.Consumer;
import java.util.random.RandomGenerator;

/**
 * The Buildstash REST API (v1 beta): one method per operation of the OpenAPI description, plus the undocumented
 * expansion-part route every official client uses. Thread-safe. Every failure is a {@link BuildstashException}.
 *
 * <p>Calls made through one instance share one {@link RetryBudget}; {@link #withBudget} gives an operation its own.
 */
public final class BuildstashClient {

    private final ApiTransport transport;
    private final RetryBudget budget;

    private BuildstashClient(ApiTransport transport, RetryBudget budget) {
        this.transport = transport;
        this.budget = budget;
    }

    public static Builder builder(ApiKey key) {
        return new Builder(key);
    }

    /** The same client whose calls spend {@code budget}: one budget per upload or download. */
    public BuildstashClient withBudget(RetryBudget budget) {
        return new BuildstashClient(transport, budget);
    }

    public URI baseUrl() {
        return transport.base();
    }

    public Retrier retrier() {
        return transport.retrier();
    }

    /** Names this client's key and base URL without holding the key: a SHA-256 of both, in hex. */
    public String keyFingerprint() {
        return transport.keyFingerprint();
    }

    /** The HTTP client the calls go through (shared with other clients of the same settings). */
    public HttpClient httpClient() {
        return transport.http();
    }

    // ---- Workspace -----------------------------------------------------------------------------------------------

    /** {@code GET /workspace}: no scope needed, so it is the cheapest way to check a key. */
    public Workspace getWorkspace() throws IOException, InterruptedException {
        return item(get("/workspace", "workspace"), Workspace.class);
    }

    public Paginated<Member> listWorkspaceMembers(ListQuery query) {
        return paginated("/workspace/members", query, Member.class, "workspace members");
    }

    public List<Label> listWorkspaceLabels() throws IOException, InterruptedException {
        return list(get("/workspace/labels", "workspace labels"), Label.class);
    }

    public Label getWorkspaceLabel(String labelIdentifier) throws IOException, InterruptedException {
        return item(get("/workspace/labels/" + seg(labelIdentifier), "workspace label '" + labelIdentifier + "'"),
                Label.class);
    }

    public List<DefaultStream> listWorkspaceDefaultStreams() throws IOException, InterruptedException {
        return list(get("/workspace/default-streams", "default streams"), DefaultStream.class);
    }

    public List<CustomTarget> listWorkspaceCustomTargets() throws IOException, InterruptedException {
        return list(get("/workspace/custom-targets", "workspace custom targets"), CustomTarget.class);
    }

    public CustomTarget getWorkspaceCustomTarget(String targetIdentifier) throws IOException, InterruptedException {
        return item(get("/workspace/custom-targets/" + seg(targetIdentifier),
                "workspace custom target '" + targetIdentifier + "'"), CustomTarget.class);
    }

    public User getUser(String userId) throws IOException, InterruptedException {
        return item(get("/users/" + seg(userId), "user '" + userId + "'"), User.class);
    }

    // ---- Applications --------------------------------------------------------------------------------------------

    /** Workspace keys list every application; application keys only their own. */
    public Paginated<Application> listApplications(ListQuery query) {
        return paginated("/applications", query, Application.class, "applications");
    }

    public Application getApplication(String applicationId) throws IOException, InterruptedException {
        return item(get(app(applicationId), "application '" + applicationId + "'"), Application.class);
    }

    public Paginated<ApplicationMember> listApplicationMembers(String applicationId, ListQuery query) {
        return paginated(app(applicationId) + "/members", query, ApplicationMember.class,
                "members of application '" + applicationId + "'");
    }

    /** Active streams only. */
    public List<Stream> listStreams(String applicationId) throws IOException, InterruptedException {
        return list(get(app(applicationId) + "/streams", "streams of application '" + applicationId + "'"), Stream.class);
    }

    public Stream getStream(String applicationId, String streamIdentifier) throws IOException, InterruptedException {
        return item(get(app(applicationId) + "/streams/" + seg(streamIdentifier),
                "stream '" + streamIdentifier + "' of application '" + applicationId + "'"), Stream.class);
    }

    /** Application-level and workspace-level labels. */
    public List<Label> listApplicationLabels(String applicationId) throws IOException, InterruptedException {
        return list(get(app(applicationId) + "/labels", "labels of application '" + applicationId + "'"), Label.class);
    }

    public Label getApplicationLabel(String applicationId, String labelIdentifier) throws IOException, InterruptedException {
        return item(get(app(applicationId) + "/labels/" + seg(labelIdentifier),
                "label '" + labelIdentifier + "' of application '" + applicationId + "'"), Label.class);
    }

    public List<Platform> listPlatforms(String applicationId) throws IOException, InterruptedException {
        return list(get(app(applicationId) + "/platforms", "platforms of application '" + applicationId + "'"),
                Platform.class);
    }

    public List<CustomTarget> listApplicationCustomTargets(String applicationId) throws IOException, InterruptedException {
        return list(get(app(applicationId) + "/custom-targets", "custom targets of application '" + applicationId + "'"),
                CustomTarget.class);
    }

    public CustomTarget getApplicationCustomTarget(String applicationId, String targetIdentifier)
            throws IOException, InterruptedException {
        return item(get(app(applicationId) + "/custom-targets/" + seg(targetIdentifier),
                "custom target '" + targetIdentifier + "' of application '" + applicationId + "'"), CustomTarget.class);
    }

    // ---- Builds --------------------------------------------------------------------------------------------------

    /** Builds still being processed are not listed. Sort fields: version, version_short, size_total_bytes, built_at, created_at. */
    public Paginated<Build> listBuilds(String applicationId, ListQuery query) {
        return paginated(app(applicationId) + "/builds", query, Build.class, "builds of application '" + applicationId + "'");
    }

    public Build getBuild(String applicationId, String buildId) throws IOException, InterruptedException {
        return item(get(build(applicationId, buildId), describeBuild(applicationId, buildId)), Build.class);
    }

    /** Temporary URLs for the build's files. Limited to 30 calls a minute per application, 60 per workspace. */
    public BuildDownload getBuildDownload(String applicationId, String buildId) throws IOException, InterruptedException {
        return flat(get(build(applicationId, buildId) + "/download", "downloadable file of " + describeBuild(applicationId, buildId)),
                BuildDownload.class);
    }

    public List<FileInfo> listMetadataArtifacts(String applicationId, String buildId) throws IOException, InterruptedException {
        return list(get(build(applicationId, buildId) + "/metadata", "metadata of " + describeBuild(applicationId, buildId)),
                FileInfo.class);
    }

    public FileInfo getMetadataArtifact(String applicationId, String buildId, String artifactId)
            throws IOException, InterruptedException {
        return item(get(build(applicationId, buildId) + "/metadata/" + seg(artifactId),
                "metadata artifact '" + artifactId + "' of " + describeBuild(applicationId, buildId)), FileInfo.class);
    }

    public DownloadLink getMetadataArtifactDownload(String applicationId, String buildId, String artifactId)
            throws IOException, InterruptedException {
        return flat(get(build(applicationId, buildId) + "/metadata/" + seg(artifactId) + "/download",
                "metadata artifact '" + artifactId + "' of " + describeBuild(applicationId, buildId)), DownloadLink.class);
    }

    // ---- Releases and webhooks -----------------------------------------------------------------------------------

    /** Sort fields: version, version_short, title, created_at. Filters: search, labels, platforms. */
    public Paginated<Release> listReleases(String applicationId, ListQuery query) {
        return paginated(app(applicationId) + "/releases", query, Release.class,
                "releases of application '" + applicationId + "'");
    }

    /** The release with its builds in full. */
    public Release getRelease(String applicationId, String releaseId) throws IOException, InterruptedException {
        return item(get(app(applicationId) + "/releases/" + seg(releaseId),
                "release '" + releaseId + "' of application '" + applicationId + "'"), Release.class);
    }

    public Paginated<Webhook> listWebhooks(String applicationId, ListQuery query) {
        return paginated(app(applicationId) + "/webhooks", query, Webhook.class,
                "webhooks of application '" + applicationId + "'");
    }

    public Webhook getWebhook(String applicationId, String webhookId) throws IOException, InterruptedException {
        return item(get(app(applicationId) + "/webhooks/" + seg(webhookId),
                "webhook '" + webhookId + "' of application '" + applicationId + "'"), Webhook.class);
    }

    // ---- Upload --------------------------------------------------------------------------------------------------

    /**
     * Creates a pending upload. Retried only when Buildstash certainly did not process it (no connection, 429, 503),
     * because a repeat could leave a second pending upload behind.
     */
    public UploadInstructions requestUpload(UploadRequest request) throws IOException, InterruptedException {
        // Named after the application, so that a 403 or 404 says which one the key could not reach.
        String what = request.applicationId() == null
                ? "the API key's application"
                : "application '" + request.applicationId() + "'";
        return created(post("/upload/request", request, CallKind.CREATE_UPLOAD, what), "pending_upload_id",
                UploadInstructions.class, "POST /upload/request", "an upload answer (a primary_file with its upload"
                        + " instructions)");
    }

    /**
     * The answer of a call that created a pending upload, read only once it names that upload; when the rest cannot be
     * read, the failure carries the id so that the caller can abort it.
     */
    private <T> T created(JsonNode body, String idField, Class<T> type, String operation, String shape)
            throws BuildstashException {
        JsonNode id = body.path(idField);
        if (!id.isTextual() || id.asText().isBlank()) {
            throw new BuildstashException("Buildstash answered " + operation + " without a " + idField + ", so the"
                    + " upload cannot go on" + (id.isMissingNode() ? "" : " (it sent " + Redact.text(String.valueOf(id))
                    + ")"), operation, null, Failure.of(Failure.Type.PERMANENT));
        }
        try {
            return flat(body, type);
        } catch (BuildstashException e) {
            BuildstashException unreadable = new BuildstashException("Buildstash answered " + operation + " with a"
                    + " body that does not have the shape of " + shape + ", so the upload was stopped", operation, null,
                    Failure.of(Failure.Type.PERMANENT));
            unreadable.pendingUploadIdSeen(id.asText());
            throw unreadable;
        }
    }

    /** A presigned URL for part {@code partNumber} (from 1) of the primary file; {@code contentLength} must be exact. */
    public PartUrl requestPart(String pendingUploadId, int partNumber, long contentLength)
            throws IOException, InterruptedException {
        return part("/upload/request/multipart", pendingUploadId, partNumber, contentLength);
    }

    /**
     * The same for a chunked expansion file. Not in the OpenAPI description (gap G4), but every official client calls
     * it; its parts are verified after the primary's, in one {@code multipart_chunks} list.
     */
    public PartUrl requestExpansionPart(String pendingUploadId, int partNumber, long contentLength)
            throws IOException, InterruptedException {
        return part("/upload/request/multipart/expansion", pendingUploadId, partNumber, contentLength);
    }

    private PartUrl part(String path, String pendingUploadId, int partNumber, long contentLength)
            throws IOException, InterruptedException {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("pending_upload_id", pendingUploadId);
        body.put("part_number", partNumber);
        body.put("content_length", contentLength);
        return flat(post(path, body, CallKind.IDEMPOTENT_API, "part " + partNumber + " of pending upload " + pendingUploadId),
                PartUrl.class);
    }

    /**
     * Turns the pending upload into a build. {@code chunks} lists every part with its ETag as storage returned it
     * (primary parts first, then expansion parts); leave it empty for single-part files.
     */
    public VerifiedUpload verifyUpload(String pendingUploadId, List<MultipartChunk> chunks)
            throws IOException, InterruptedException {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("pending_upload_id", pendingUploadId);
        body.put("multipart_chunks", chunks);
        return flat(post("/upload/verify", body, CallKind.IDEMPOTENT_API, "pending upload " + pendingUploadId),
                VerifiedUpload.class);
    }

    /** Discards the pending upload and what was stored for it. */
    public void abortUpload(String pendingUploadId) throws IOException, InterruptedException {
        post("/upload/abort", Map.of("pending_upload_id", pendingUploadId), CallKind.ABORT, "pending upload " + pendingUploadId);
    }

    public MetadataUploadInstructions requestMetadataUpload(MetadataUploadRequest request)
            throws IOException, InterruptedException {
        // Each success creates a pending metadata upload: repeated only when that certainly did not happen.
        return created(post("/upload/metadata/request", request, CallKind.CREATE_UPLOAD, "metadata upload request"),
                "metadata_pending_upload_id", MetadataUploadInstructions.class, "POST /upload/metadata/request",
                "a metadata upload answer (presigned_upload_data with its URL)");
    }

    /** @return the new metadata artifact's id */
    public String verifyMetadataUpload(String metadataPendingUploadId, String description)
            throws IOException, InterruptedException {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("pending_upload_id", metadataPendingUploadId);
        body.put("file_description", description);
        JsonNode answer = post("/upload/metadata/verify", body, CallKind.IDEMPOTENT_API,
                "metadata upload " + metadataPendingUploadId);
        return answer.path("metadata_artifact_id").asText(null);
    }

    // ---- Key -----------------------------------------------------------------------------------------------------

    /**
     * Tells what the key is. A key that lists several applications, or none, is a workspace key (an application key
     * always sees its own application). One application is ambiguous unless a workspace-level route answers.
     */
    public KeyDescription describeKey() throws IOException, InterruptedException {
        return classifyKey(getWorkspace());
    }

    /**
     * The same without reading the workspace (its {@code workspace} is null): one call for a key that lists several
     * applications, two for one that lists one. Uploads use it to refuse a workspace key that names no application.
     */
    public KeyDescription classifyKey() throws IOException, InterruptedException {
        return classifyKey(null);
    }

    private KeyDescription classifyKey(Workspace workspace) throws IOException, InterruptedException {
        Page<Application> apps;
        try {
            apps = listApplications(ListQuery.defaults().perPage(ListQuery.MAX_PER_PAGE)).firstPage();
        } catch (BuildstashException e) {
            if (e.status() != 403) {
                throw e;
            }
            return new KeyDescription(workspace, KeyDescription.Kind.UNKNOWN, List.of(),
                    "the key may not list applications (" + e.getMessage() + ")");
        }
        int total = apps.pagination() == null ? apps.data().size() : apps.pagination().total();
        if (total != 1) {
            return new KeyDescription(workspace, KeyDescription.Kind.WORKSPACE, apps.data(),
                    "it lists " + total + " applications; an application key lists only its own");
        }
        try {
            listWorkspaceLabels();
            return new KeyDescription(workspace, KeyDescription.Kind.WORKSPACE, apps.data(),
                    "it reads workspace-level labels, which application keys cannot");
        } catch (BuildstashException e) {
            if (e.status() != 403) {
                throw e;
            }
            return new KeyDescription(workspace, KeyDescription.Kind.APPLICATION, apps.data(),
                    "it sees one application and no workspace-level data; a workspace key without the"
                            + " 'workspace:read' scope that sees one application looks the same");
        }
    }

    // ---- Plumbing ------------------------------------------------------------------------------------------------

    private JsonNode get(String path, String what) throws IOException, InterruptedException {
        return get(path, Map.of(), what);
    }

    private JsonNode get(String path, Map<String, String> query, String what) throws IOException, InterruptedException {
        return transport.call(new ApiTransport.Call("GET", path, query, null, CallKind.IDEMPOTENT_API, what), budget);
    }

    private JsonNode post(String path, Object body, CallKind kind, String what) throws IOException, InterruptedException {
        return transport.call(new ApiTransport.Call("POST", path, Map.of(), body, kind, what), budget);
    }

    private <T> Paginated<T> paginated(String path, ListQuery query, Class<T> type, String what) {
        JavaType pageType = Json.MAPPER.getTypeFactory().constructParametricType(Page.class, type);
        return new Paginated<>(page -> convert(get(path, query.page(page).params(), what), pageType, "GET " + path));
    }

    private <T> T item(JsonNode body, Class<T> type) throws BuildstashException {
        return convert(body.path("data"), Json.MAPPER.constructType(type), type.getSimpleName());
    }

    private <T> List<T> list(JsonNode body, Class<T> type) throws BuildstashException {
        JsonNode data = body.path("data");
        List<T> items = new ArrayList<>();
        for (JsonNode n : data) {
            items.add(convert(n, Json.MAPPER.constructType(type), type.getSimpleName()));
        }
        return items;
    }

    private <T> T flat(JsonNode body, Class<T> type) throws BuildstashException {
        return convert(body, Json.MAPPER.constructType(type), type.getSimpleName());
    }

    private static <T> T convert(JsonNode node, JavaType type, String what) throws BuildstashException {
        if (node == null || node.isMissingNode() || node.isNull()) {
            throw new BuildstashException("Buildstash answered without the expected " + what + " in the body",
                    what, null, Failure.of(Failure.Type.PERMANENT));
        }
        try {
            return Json.MAPPER.convertValue(node, type);
        } catch (IllegalArgumentException e) {
            throw new BuildstashException("Buildstash answered with a " + what + " this plugin cannot read ("
                    + Redact.text(e.getMessage()) + ")", what, null, Failure.of(Failure.Type.PERMANENT));
        }
    }

    private static String app(String applicationId) {
        return "/applications/" + seg(applicationId);
    }

    private static String build(String applicationId, String buildId) {
        return app(applicationId) + "/builds/" + seg(buildId);
    }

    private static String describeBuild(String applicationId, String buildId) {
        return "build '" + buildId + "' of application '" + applicationId + "'";
    }

    /** Encodes one path segment: ids are opaque and identifiers may be names with spaces. */
    private static String seg(String value) {
        Objects.requireNonNull(value, "path parameter");
        if (value.isBlank()) {
            throw new IllegalArgumentException("An id or name in the request path is empty");
        }
        return URLEncoder.encode(value, StandardCharsets.UTF_8).replace("+", "%20");
    }

    /** Configures a client. Only the key is required. */
    public static final class Builder {
        private final ApiKey key;
        private URI baseUrl = URI.create(ApiBaseUrl.DEFAULT);
        private HttpClient httpClient;
        private ProxySettings proxy;
        private Duration connectTimeout = Duration.ofSeconds(10);
        private Duration requestTimeout = Duration.ofSeconds(60);
        private RetryPolicy policy = RetryPolicy.standard();
        private Sleeper sleeper = Sleeper.SYSTEM;
        private RandomGenerator random = RandomGenerator.getDefault();
        private Clock clock = Clock.systemUTC();
        private Consumer<String> log = line -> {};
        private String userAgent = UserAgent.DEFAULT;

        private Builder(ApiKey key) {
            this.key = Objects.requireNonNull(key, "API key");
        }

        /** @throws IllegalArgumentException when the URL is not https (or http to a loopback host), see {@link ApiBaseUrl} */
        public Builder baseUrl(String baseUrl) {
            this.baseUrl = ApiBaseUrl.parse(baseUrl);
            return this;
        }

        /**
         * The HTTP client, e.g. Jenkins' proxy-aware one. It must not follow redirects: API calls carry the key.
         */
        public Builder httpClient(HttpClient httpClient) {
            if (httpClient.followRedirects() != HttpClient.Redirect.NEVER) {
                throw new IllegalArgumentException("The HTTP client for API calls must not follow redirects"
                        + " (HttpClient.Redirect.NEVER): a redirect would carry the API key to another place");
            }
            this.httpClient = httpClient;
            return this;
        }

        /**
         * API calls go through this proxy (null: this JVM's own proxy settings). Its credentials are sent in a
         * {@code Proxy-Authorization} header on the calls it carries, never through an authenticator (JDK-8326949).
         */
        public Builder proxy(ProxySettings proxy) {
            this.proxy = proxy;
            return this;
        }

        /** How long connecting may take; only used when no {@link #httpClient} is given. */
        public Builder connectTimeout(Duration connectTimeout) {
            this.connectTimeout = connectTimeout;
            return this;
        }

        /** How long an API call may wait for its response. Storage transfers have their own watchdog. */
        public Builder requestTimeout(Duration requestTimeout) {
            this.requestTimeout = requestTimeout;
            return this;
        }

        public Builder retryPolicy(RetryPolicy policy) {
            this.policy = policy;
            return this;
        }

        public Builder sleeper(Sleeper sleeper) {
            this.sleeper = sleeper;
            return this;
        }

        public Builder random(RandomGenerator random) {
            this.random = random;
            return this;
        }

        public Builder clock(Clock clock) {
            this.clock = clock;
            return this;
        }

        /** Receives a line for each retry. */
        public Builder log(Consumer<String> log) {
            this.log = log;
            return this;
        }

        public Builder userAgent(String userAgent) {
            this.userAgent = userAgent;
            return this;
        }

        public BuildstashClient build() {
            HttpClient http = httpClient != null
                    ? httpClient
                    : HttpClients.forApi(proxy == null ? null : proxy.route(), connectTimeout);
            Retrier retrier = new Retrier(policy, sleeper, random, log);
            return new BuildstashClient(new ApiTransport(baseUrl, key, http, proxy, requestTimeout, userAgent, retrier,
                    clock), RetryBudget.standard());
        }
    }
}
