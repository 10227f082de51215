package io.jenkins.plugins.buildstash.emulator;

import io.jenkins.plugins.buildstash.emulator.Model.Application;
import io.jenkins.plugins.buildstash.emulator.Model.ApplicationMember;
import io.jenkins.plugins.buildstash.emulator.Model.Build;
import io.jenkins.plugins.buildstash.emulator.Model.CustomTarget;
import io.jenkins.plugins.buildstash.emulator.Model.DefaultStream;
import io.jenkins.plugins.buildstash.emulator.Model.Label;
import io.jenkins.plugins.buildstash.emulator.Model.Member;
import io.jenkins.plugins.buildstash.emulator.Model.MetadataArtifact;
import io.jenkins.plugins.buildstash.emulator.Model.Release;
import io.jenkins.plugins.buildstash.emulator.Model.Stream;
import io.jenkins.plugins.buildstash.emulator.Model.User;
import io.jenkins.plugins.buildstash.emulator.Model.Webhook;
import io.jenkins.plugins.buildstash.emulator.Model.Workspace;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Predicate;

/**
 * Everything the emulated service knows: one workspace, its users, applications and their resources, builds,
 * releases, keys and pending uploads. The catalog is guarded by this object's lock (reads return copies); keys and
 * pending uploads live in concurrent maps because every request and every part PUT looks them up.
 */
final class EmulatorState {

    private static final String TOKEN_ALPHABET = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789";
    private static final SecureRandom TOKENS = new SecureRandom();

    private final Clock clock;
    private final AtomicLong sequence = new AtomicLong();
    private final Workspace workspace;
    private final Map<String, User> users = new LinkedHashMap<>();
    private final Map<String, Member> members = new LinkedHashMap<>();
    private final Map<String, Map<String, ApplicationMember>> applicationMembers = new LinkedHashMap<>();
    private final Map<String, Application> applications = new LinkedHashMap<>();
    private final Map<String, Stream> streams = new LinkedHashMap<>();
    private final Map<String, DefaultStream> defaultStreams = new LinkedHashMap<>();
    private final Map<String, Label> labels = new LinkedHashMap<>();
    private final Map<String, CustomTarget> customTargets = new LinkedHashMap<>();
    private final Map<String, Webhook> webhooks = new LinkedHashMap<>();
    private final Map<String, Build> builds = new LinkedHashMap<>();
    private final Map<String, List<MetadataArtifact>> metadata = new LinkedHashMap<>();
    private final Map<String, Release> releases = new LinkedHashMap<>();
    private final Map<String, Model.StoredFileRecord> files = new LinkedHashMap<>();
    private final Map<String, ApiKey> keys = new ConcurrentHashMap<>();
    private final Map<String, PendingUpload> uploads = new ConcurrentHashMap<>();
    private final Set<String> abortedUploads = new LinkedHashSet<>();

    EmulatorState(Clock clock) {
        this.clock = clock;
        this.workspace = new Workspace(newId(), "Emulated Studio", "emulated-studio", now());
    }

    Instant now() {
        return clock.instant();
    }

    static String newId() {
        return UUID.randomUUID().toString();
    }

    long nextSequence() {
        return sequence.incrementAndGet();
    }

    Workspace workspace() {
        return workspace;
    }

    // --- users and members ---

    synchronized User addUser(String name, String email, String workspaceRole) {
        User user = new User(newId(), name, email, now());
        users.put(user.id(), user);
        members.put(user.id(), new Member(user.id(), workspaceRole, now()));
        return user;
    }

    synchronized Optional<User> user(String id) {
        return Optional.ofNullable(users.get(id));
    }

    synchronized List<Member> members() {
        return List.copyOf(members.values());
    }

    synchronized void addApplicationMember(String applicationId, String userId, String role) {
        applicationMembers.computeIfAbsent(applicationId, k -> new LinkedHashMap<>())
                .put(userId, new ApplicationMember(userId, role));
    }

    synchronized List<ApplicationMember> applicationMembers(String applicationId) {
        return List.copyOf(applicationMembers.getOrDefault(applicationId, Map.of()).values());
    }

    // --- applications and their resources ---

    synchronized Application addApplication(String name, String description, List<String> platforms) {
        platforms.forEach(Catalog::platform);
        Application application = new Application(newId(), name, description, List.copyOf(platforms), false, now());
        applications.put(application.id(), application);
        return application;
    }

    synchronized List<Application> applications() {
        return List.copyOf(applications.values());
    }

    synchronized Optional<Application> application(String id) {
        return Optional.ofNullable(applications.get(id));
    }

    synchronized Stream addStream(String applicationId, String name, String description, Integer retentionDays) {
        requireApplication(applicationId);
        if (stream(applicationId, name).isPresent()) {
            throw new IllegalArgumentException("stream '" + name + "' already exists in " + applicationId);
        }
        Stream stream = new Stream(newId(), applicationId, name, description, retentionDays, now());
        streams.put(stream.id(), stream);
        return stream;
    }

    synchronized List<Stream> streams(String applicationId) {
        return select(streams, s -> s.applicationId().equals(applicationId));
    }

    /** A stream by ID or exact name (names are unique within an application). */
    synchronized Optional<Stream> stream(String applicationId, String identifier) {
        return streams(applicationId).stream()
                .filter(s -> s.id().equals(identifier) || s.name().equals(identifier))
                .findFirst();
    }

    synchronized Optional<Stream> streamById(String id) {
        return Optional.ofNullable(streams.get(id));
    }

    synchronized DefaultStream addDefaultStream(String name, String description, Integer retentionDays) {
        DefaultStream stream = new DefaultStream(newId(), name, description, retentionDays, now());
        defaultStreams.put(stream.id(), stream);
        return stream;
    }

    synchronized List<DefaultStream> defaultStreams() {
        return List.copyOf(defaultStreams.values());
    }

    /** Adds a label; {@code applicationId} null makes a workspace label. */
    synchronized Label addLabel(String applicationId, String name, String description, String color) {
        if (applicationId != null) {
            requireApplication(applicationId);
        }
        Label label = new Label(newId(), applicationId, name, description, color, now());
        labels.put(label.id(), label);
        return label;
    }

    synchronized List<Label> workspaceLabels() {
        return select(labels, Label::workspaceLevel);
    }

    /** The labels an application can use: its own and the workspace's. */
    synchronized List<Label> labels(String applicationId) {
        return select(labels, l -> l.workspaceLevel() || l.applicationId().equals(applicationId));
    }

    synchronized Optional<Label> labelById(String id) {
        return Optional.ofNullable(labels.get(id));
    }

    /** The label an upload names, created at application level when it does not exist yet (spec: labels). */
    synchronized Label labelForUpload(String applicationId, String name) {
        return labels(applicationId).stream()
                .filter(l -> l.name().equals(name))
                .findFirst()
                .orElseGet(() -> addLabel(applicationId, name, null, null));
    }

    /** Adds a custom target; {@code applicationId} null makes a workspace target. */
    synchronized CustomTarget addCustomTarget(String applicationId, String name, String description, String platform) {
        Catalog.platform(platform);
        CustomTarget target = new CustomTarget(newId(), applicationId, name, description, platform, now());
        customTargets.put(target.id(), target);
        return target;
    }

    synchronized List<CustomTarget> workspaceCustomTargets() {
        return select(customTargets, CustomTarget::workspaceLevel);
    }

    /** Workspace and application targets, limited to the application's platforms (spec: listApplicationCustomTargets). */
    synchronized List<CustomTarget> customTargets(String applicationId) {
        List<String> platforms = requireApplication(applicationId).platforms();
        return select(customTargets, t -> (t.workspaceLevel() || t.applicationId().equals(applicationId))
                && platforms.contains(t.platform()));
    }

    synchronized Optional<CustomTarget> customTargetById(String id) {
        return Optional.ofNullable(customTargets.get(id));
    }

    synchronized Webhook addWebhook(Webhook webhook) {
        webhooks.put(webhook.id(), webhook);
        return webhook;
    }

    synchronized List<Webhook> webhooks(String applicationId) {
        return select(webhooks, w -> w.applicationId().equals(applicationId));
    }

    // --- builds, metadata artifacts, releases ---

    synchronized void addBuild(Build build) {
        builds.put(build.id(), build);
        metadata.put(build.id(), new ArrayList<>());
        files.put(build.primary().id(), build.primary());
        build.expansions().forEach(file -> files.put(file.id(), file));
    }

    /** Every build of an application, pending ones included, oldest first. */
    synchronized List<Build> builds(String applicationId) {
        return select(builds, b -> b.applicationId().equals(applicationId));
    }

    synchronized List<Build> allBuilds() {
        return List.copyOf(builds.values());
    }

    synchronized Optional<Build> build(String id) {
        return Optional.ofNullable(builds.get(id));
    }

    synchronized void addMetadataArtifact(MetadataArtifact artifact) {
        metadata.get(artifact.buildId()).add(artifact);
        files.put(artifact.file().id(), artifact.file());
    }

    /** A stored file (build file or metadata artifact) by ID: what a download URL serves. */
    synchronized Optional<Model.StoredFileRecord> storedFile(String id) {
        return Optional.ofNullable(files.get(id));
    }

    synchronized List<MetadataArtifact> metadataArtifacts(String buildId) {
        return List.copyOf(metadata.getOrDefault(buildId, List.of()));
    }

    synchronized void addRelease(Release release) {
        releases.put(release.id(), release);
    }

    synchronized List<Release> releases(String applicationId) {
        return select(releases, r -> r.applicationId().equals(applicationId));
    }

    // --- keys and uploads ---

    /** Issues a key with a fresh random token and returns the token (the only place it is ever shown). */
    String issueKey(ApiKey.Kind kind, String applicationId, Set<String> scopes) {
        if (applicationId != null) {
            synchronized (this) {
                requireApplication(applicationId);
            }
        }
        StringBuilder token = new StringBuilder("bse_");
        for (int i = 0; i < 40; i++) {
            token.append(TOKEN_ALPHABET.charAt(TOKENS.nextInt(TOKEN_ALPHABET.length())));
        }
        ApiKey key = new ApiKey(token.toString(), kind, workspace().id(), applicationId, scopes);
        keys.put(key.token(), key);
        return key.token();
    }

    Optional<ApiKey> key(String token) {
        return Optional.ofNullable(keys.get(token));
    }

    void addUpload(PendingUpload upload) {
        uploads.put(upload.id(), upload);
    }

    Optional<PendingUpload> upload(String id) {
        return Optional.ofNullable(uploads.get(id));
    }

    List<PendingUpload> uploads() {
        return List.copyOf(uploads.values());
    }

    synchronized void recordAbort(String uploadId) {
        abortedUploads.add(uploadId);
    }

    synchronized List<String> abortedUploadIds() {
        return List.copyOf(abortedUploads);
    }

    private Application requireApplication(String applicationId) {
        Application application = applications.get(applicationId);
        if (application == null) {
            throw new IllegalArgumentException("no application " + applicationId);
        }
        return application;
    }

    private static <T> List<T> select(Map<String, T> map, Predicate<T> filter) {
        return map.values().stream().filter(filter).toList();
    }
}
