package io.jenkins.plugins.buildstash.emulator;

import io.jenkins.plugins.buildstash.emulator.Model.StoredFileRecord;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Random;
import java.util.Set;

/**
 * A local Buildstash-compatible server: the 34 API operations of openapi.json (plus the undocumented
 * {@code /upload/request/multipart/expansion}), S3-style presigned storage on the same origin, rate limits, scripted
 * faults and network shaping, and inspection. See {@code docs/emulator.md}.
 *
 * <p>Script, run, verify:
 *
 * <pre>{@code
 * try (BuildstashEmulator emulator = BuildstashEmulator.start(EmulatorOptions.defaults().withPartSizeMb(1))) {
 *     Seed seed = emulator.seedDefaults();
 *     emulator.faults().on("storageUploadPart").part(2).once().inject(Fault.resetAfterBodyBytes(4096));
 *     // ... run a client against emulator.apiBaseUrl() with seed.applicationKey() ...
 *     assertThat(emulator.storedBuilds()).singleElement()
 *             .extracting(b -> b.primary().sha256()).isEqualTo(expectedSha256);
 *     assertThat(emulator.requestCount("storageUploadPart")).isEqualTo(parts + 1);
 * }
 * }</pre>
 *
 * <p>The Java API:
 *
 * <ul>
 *   <li>lifecycle: {@link #start()}, {@link #start(EmulatorOptions)}, {@link #close()} (no thread left running),
 *       {@link #apiBaseUrl()} ({@code http://127.0.0.1:<port>/api/v1}), {@link #baseUrl()}, {@link #port()};
 *   <li>seeding: {@link #seedDefaults()}, {@link #seedSampleBuilds(Seed)}, {@link #addApplication},
 *       {@link #addStream}, {@link #addLabel}, {@link #addCustomTarget}, {@link #addWorkspaceKey},
 *       {@link #addApplicationKey}, {@link #addBuild}, {@link #addRelease};
 *   <li>misbehaviour: {@link #faults()} (per route, N times or always, with a probability, until a time on the
 *       emulator's clock), {@link #addRateLimit},
 *       {@link #clearRateLimits()}; bandwidth and latency through {@link EmulatorOptions};
 *   <li>inspection: {@link #storedBuilds()}, {@link #storedBuild(String)}, {@link #pendingUploads()},
 *       {@link #uploads()}, {@link #abortedUploadIds()}, {@link #requestLog()}, {@link #requestCount(String)},
 *       {@link #requestCounts()}, {@link #routeNames()}.
 * </ul>
 *
 * Route names (for faults, rate limits and counts) are the spec's operationIds, {@code requestMultipartExpansionPart},
 * {@code storagePutObject}, {@code storageUploadPart}, {@code storageGetObject} and {@code inspectState}.
 */
public final class BuildstashEmulator implements AutoCloseable {

    private final EmulatorOptions options;
    private final EmulatorState state;
    private final BlobStore blobs;
    private final BuildFactory builds;
    private final RateLimiter rateLimiter;
    private final Router router = new Router();
    private final Faults faults;
    private final RequestLog log = new RequestLog();
    private final Inspector inspector;
    private final HttpServerCore server;
    private final java.util.concurrent.atomic.AtomicBoolean closed = new java.util.concurrent.atomic.AtomicBoolean();

    private BuildstashEmulator(EmulatorOptions options) throws IOException {
        this.options = options;
        this.state = new EmulatorState(options.clock());
        this.blobs = new BlobStore(options.storeDirectory(), options.keepBytes(), options.etagMode());
        this.builds = new BuildFactory(state, options.processingDelay());
        this.rateLimiter = new RateLimiter(options.clock(), options.rateLimits());
        Signer signer = new Signer(options.clock());
        StorageUrls urls = new StorageUrls(signer, options.presignTtl());
        Representations json = new Representations(state, options.webAppUrl());
        Api api = new Api(router, state, rateLimiter, options.retryAfterStyle());
        new WorkspaceRoutes(state, json).register(api);
        new ApplicationRoutes(state, json).register(api);
        new BuildRoutes(state, json, urls).register(api);
        new ReleaseRoutes(state, json).register(api);
        UploadRoutes uploads = new UploadRoutes(state, options, urls, blobs, json, builds);
        uploads.register(api);
        new MetadataUploadRoutes(state, urls, uploads).register(api);
        new StorageRoutes(state, signer, blobs, rateLimiter, options.retryAfterStyle()).register(router);
        this.inspector = new Inspector(state, log);
        inspector.register(router);
        this.faults = new Faults(router.names(), new Random(options.randomSeed()), options.clock());
        try {
            this.server = new HttpServerCore(options.port(), new Dispatcher(router, faults, log, options.clock()),
                    new HttpServerCore.Shaping(options.bandwidthBitsPerSecond(), options.latency()), options.clock());
        } catch (IOException | RuntimeException e) {
            blobs.close();
            throw e;
        }
        urls.origin(baseUrl());
    }

    /** Starts an emulator with the default options on a free port. */
    public static BuildstashEmulator start() throws IOException {
        return start(EmulatorOptions.defaults());
    }

    public static BuildstashEmulator start(EmulatorOptions options) throws IOException {
        return new BuildstashEmulator(options);
    }

    public EmulatorOptions options() {
        return options;
    }

    public int port() {
        return server.port();
    }

    /** {@code http://127.0.0.1:<port>}: the origin of the API and of storage. */
    public String baseUrl() {
        return "http://127.0.0.1:" + port();
    }

    /** {@code http://127.0.0.1:<port>/api/v1}: what a client uses in place of {@code https://app.buildstash.com/api/v1}. */
    public String apiBaseUrl() {
        return baseUrl() + Api.PREFIX;
    }

    // --- seeding ---

    /** Seeds the default workspace (see {@link Seed}); call once. */
    public Seed seedDefaults() {
        return new Seeder(state).seedDefaults();
    }

    /**
     * Adds a few stored builds to the seed's application (one per platform, over two streams) and a release grouping
     * them, so that every read route has something to show in a manual run.
     */
    public List<String> seedSampleBuilds(Seed seed) {
        List<String> ids = new ArrayList<>();
        String[][] samples = {
            {"android", "production", "1.4.0", "space-game.apk"},
            {"ios", "production", "1.4.0", "SpaceGame.ipa"},
            {"windows", "beta", "1.5.0-beta.1", "SpaceGameSetup.exe"}
        };
        for (String[] sample : samples) {
            byte[] content = ("sample " + sample[3] + " " + sample[2] + "\n").getBytes(java.nio.charset.StandardCharsets.UTF_8);
            ids.add(addBuild(NewBuild.of(seed.applicationId(), sample[0], sample[1], sample[2], sample[3], content)
                    .withLabels("signed")
                    .withNotes("Sample build seeded by the emulator.")));
        }
        addRelease(seed.applicationId(), "1.4.0", "Spring Update", "## Highlights\n- New levels", List.of("signed"),
                ids.subList(0, 2));
        return ids;
    }

    /** Adds an application on these platforms (no streams yet) and returns its ID. */
    public String addApplication(String name, String... platforms) {
        return state.addApplication(name, null, Arrays.asList(platforms)).id();
    }

    /** Adds a stream to an application and returns its ID. */
    public String addStream(String applicationId, String name) {
        return state.addStream(applicationId, name, null, null).id();
    }

    /** Adds a label to an application, or to the workspace when {@code applicationId} is null; returns its ID. */
    public String addLabel(String applicationId, String name) {
        return state.addLabel(applicationId, name, null, null).id();
    }

    /** Adds a custom target to an application, or to the workspace when {@code applicationId} is null. */
    public String addCustomTarget(String applicationId, String name, String platform) {
        return state.addCustomTarget(applicationId, name, null, platform).id();
    }

    /** Issues a workspace key with these scopes (from {@link Scopes#WORKSPACE}) and returns its token. */
    public String addWorkspaceKey(String... scopes) {
        return state.issueKey(ApiKey.Kind.WORKSPACE, null, Set.of(scopes));
    }

    /** Issues a key for one application with these scopes (from {@link Scopes#APPLICATION}); returns its token. */
    public String addApplicationKey(String applicationId, String... scopes) {
        return state.issueKey(ApiKey.Kind.APPLICATION, applicationId, Set.of(scopes));
    }

    /** Stores a build with the given bytes, as if uploaded and processed, and returns its ID. */
    public String addBuild(NewBuild build) {
        String streamId = state.stream(build.applicationId(), build.stream())
                .orElseThrow(() -> new IllegalArgumentException("no stream " + build.stream()))
                .id();
        Catalog.platform(build.platform());
        boolean expansion = build.expansionFilename() != null;
        BuildDraft draft = new BuildDraft(expansion ? "file+expansion" : "file", build.platform(), streamId,
                Version.parse(build.version()), null, build.labels(), List.of(), build.notes(), null, "cli-upload",
                Model.CiInfo.NONE, Model.ScmInfo.NONE);
        List<StoredFileRecord> files = new ArrayList<>();
        files.add(store(build.filename(), build.content()));
        if (expansion) {
            files.add(store(build.expansionFilename(), build.expansionContent()));
        }
        return builds.create(build.applicationId(), draft, files, null, build.builtAt()).id();
    }

    private StoredFileRecord store(String filename, byte[] content) {
        try {
            Blob blob = blobs.receive(new ByteArrayInputStream(content), content.length);
            return new StoredFileRecord(EmulatorState.newId(), filename, content.length,
                    new StoredObject(List.of(blob)), state.now());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /**
     * Adds a release (the API cannot create one, brief §7) grouping existing builds.
     *
     * @param labels label names or IDs; names that do not exist yet are created on the application
     */
    public String addRelease(
            String applicationId, String version, String title, String notes, List<String> labels,
            List<String> buildIds) {
        for (String buildId : buildIds) {
            state.build(buildId)
                    .filter(b -> b.applicationId().equals(applicationId))
                    .orElseThrow(() -> new IllegalArgumentException("no build " + buildId + " in " + applicationId));
        }
        List<String> labelIds = labels.stream()
                .map(label -> state.labelById(label).orElseGet(() -> state.labelForUpload(applicationId, label)).id())
                .toList();
        Model.Release release = new Model.Release(EmulatorState.newId(), applicationId, Version.parse(version), title,
                notes, labelIds, List.copyOf(buildIds), state.now());
        state.addRelease(release);
        return release.id();
    }

    // --- misbehaviour ---

    /** The fault script: see {@link Faults}. */
    public Faults faults() {
        return faults;
    }

    /** Adds a rate limit on top of those in the options. */
    public void addRateLimit(RateLimit limit) {
        Set<String> unknown = new java.util.TreeSet<>(limit.routes());
        unknown.removeAll(router.names());
        if (!unknown.isEmpty()) {
            throw new IllegalArgumentException("no routes named " + unknown);
        }
        rateLimiter.add(limit);
    }

    /** Removes every rate limit, the documented download limits included. */
    public void clearRateLimits() {
        rateLimiter.clear();
    }

    // --- inspection ---

    public List<StoredBuild> storedBuilds() {
        return inspector.builds();
    }

    public Optional<StoredBuild> storedBuild(String buildId) {
        return state.build(buildId).map(inspector::view);
    }

    /** Every upload requested so far, in request order, whatever its status. */
    public List<PendingUploadView> uploads() {
        return inspector.uploads();
    }

    /** The uploads still open: requested, neither verified nor aborted. */
    public List<PendingUploadView> pendingUploads() {
        return uploads().stream().filter(upload -> upload.status().equals("OPEN")).toList();
    }

    public List<String> abortedUploadIds() {
        return inspector.abortedUploadIds();
    }

    public List<RequestRecord> requestLog() {
        return log.entries();
    }

    public long requestCount(String route) {
        if (!router.names().contains(route) && !route.equals("unmatched")) {
            throw new IllegalArgumentException("no route named '" + route + "'");
        }
        return log.count(route);
    }

    public Map<String, Long> requestCounts() {
        return inspector.requestCounts();
    }

    public Set<String> routeNames() {
        return router.names();
    }

    /** The build a verified upload became. */
    public Optional<String> buildIdOfUpload(String pendingUploadId) {
        return state.upload(pendingUploadId).map(PendingUpload::buildId);
    }

    /** Stops the server (no thread left running) and deletes a temporary store. Closing twice does nothing more. */
    @Override
    public void close() {
        if (closed.getAndSet(true)) {
            return;
        }
        server.close();
        try {
            blobs.close();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
