package io.jenkins.plugins.buildstash.it;

import static org.assertj.core.api.Assertions.assertThat;

import com.cloudbees.plugins.credentials.Credentials;
import com.cloudbees.plugins.credentials.CredentialsProvider;
import com.cloudbees.plugins.credentials.CredentialsScope;
import com.cloudbees.plugins.credentials.CredentialsStore;
import com.cloudbees.plugins.credentials.domains.Domain;
import hudson.FilePath;
import hudson.model.Label;
import hudson.model.ModelObject;
import hudson.model.Run;
import hudson.model.TopLevelItem;
import hudson.remoting.Channel;
import hudson.slaves.DumbSlave;
import hudson.util.Secret;
import io.jenkins.plugins.buildstash.api.ApiKey;
import io.jenkins.plugins.buildstash.api.BuildstashClient;
import io.jenkins.plugins.buildstash.api.model.Build;
import io.jenkins.plugins.buildstash.emulator.BuildstashEmulator;
import io.jenkins.plugins.buildstash.emulator.EmulatorOptions;
import io.jenkins.plugins.buildstash.emulator.NewBuild;
import io.jenkins.plugins.buildstash.emulator.Seed;
import io.jenkins.plugins.buildstash.emulator.StoredBuild;
import io.jenkins.plugins.buildstash.jenkins.config.BuildstashGlobalConfiguration;
import io.jenkins.plugins.buildstash.testing.Files2;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Random;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.jenkinsci.plugins.plaincredentials.impl.StringCredentialsImpl;
import org.jenkinsci.plugins.workflow.cps.CpsFlowDefinition;
import org.jenkinsci.plugins.workflow.job.WorkflowJob;
import org.jvnet.hudson.test.JenkinsRule;

/**
 * One Jenkins set up the way the suites need it: a Buildstash emulator with the default workspace, the global
 * configuration pointed at it, the seeded keys as global "Secret text" credentials, and an agent in a JVM of its own
 * (label {@value #LABEL}) on which every build runs, with a tap on its remoting channel. {@link #assertNoSecretLeft()}
 * then proves that no key reached JENKINS_HOME, the agent's directory, the channel or the system log.
 */
final class Harness implements AutoCloseable {

    static final String LABEL = "remote";
    static final String APP_KEY_ID = "buildstash-app-key";
    static final String WORKSPACE_KEY_ID = "buildstash-workspace-key";

    final JenkinsRule r;
    final BuildstashEmulator emulator;
    final Seed seed;
    final DumbSlave agent;
    final ChannelTap tap;
    private final List<String> secrets = new CopyOnWriteArrayList<>();
    private final LogCapture log;
    private final Path scratch;

    private Harness(JenkinsRule r, EmulatorOptions options) throws Exception {
        this.r = r;
        this.log = LogCapture.start();
        this.emulator = BuildstashEmulator.start(options);
        this.seed = emulator.seedDefaults();
        secrets.add(seed.applicationKey());
        secrets.add(seed.workspaceKey());
        this.scratch = Files.createTempDirectory("buildstash-it");
        // Nothing runs on the controller: every build's workspace, and so every callable, is on the agent.
        r.jenkins.setNumExecutors(0);
        this.agent = r.createOnlineSlave(Label.get(LABEL));
        this.tap = new ChannelTap(secrets);
        ((Channel) agent.getChannel()).addListener(tap);
        BuildstashGlobalConfiguration.get().setBaseUrl(emulator.apiBaseUrl());
        addSecretText(r.jenkins, APP_KEY_ID, seed.applicationKey());
        addSecretText(r.jenkins, WORKSPACE_KEY_ID, seed.workspaceKey());
    }

    static Harness start(JenkinsRule r) throws Exception {
        return new Harness(r, EmulatorOptions.defaults());
    }

    static Harness start(JenkinsRule r, EmulatorOptions options) throws Exception {
        return new Harness(r, options);
    }

    /** The arguments every upload needs besides {@code file}, with the application key. */
    static String uploadArgs(String platform) {
        return "credentialsId: '" + APP_KEY_ID + "', platform: '" + platform + "', stream: 'beta', "
                + "versionMajor: 1, versionMinor: 2, versionPatch: 3";
    }

    /** A Pipeline job running this script in the Groovy sandbox, as a user's job would. */
    WorkflowJob pipeline(String name, String script) throws IOException {
        WorkflowJob job = r.createProject(WorkflowJob.class, name);
        job.setDefinition(new CpsFlowDefinition(script, true));
        return job;
    }

    /** The value a script printed as {@code KEY=value} (up to the next blank). */
    static String logValue(Run<?, ?> run, String key) throws IOException {
        Matcher m = Pattern.compile("(?m)\\b" + Pattern.quote(key) + "=(\\S*)").matcher(JenkinsRule.getLog(run));
        if (!m.find()) {
            throw new AssertionError("the log has no " + key + "=...:\n" + JenkinsRule.getLog(run));
        }
        return m.group(1);
    }

    /** Registers another key to look for. */
    String secret(String key) {
        secrets.add(key);
        return key;
    }

    /** Adds a "Secret text" credential to the store of {@code context} (Jenkins, or a folder). */
    void addSecretText(ModelObject context, String id, String key) throws IOException {
        secret(key);
        add(context, new StringCredentialsImpl(CredentialsScope.GLOBAL, id, "Buildstash key " + id, Secret.fromString(key)));
    }

    void add(ModelObject context, Credentials credentials) throws IOException {
        store(context).addCredentials(Domain.global(), credentials);
    }

    static CredentialsStore store(ModelObject context) {
        for (CredentialsStore store : CredentialsProvider.lookupStores(context)) {
            if (store.getContext() == context) {
                return store;
            }
        }
        throw new AssertionError("no credentials store of its own in " + context);
    }

    /** The job's workspace on the agent. */
    FilePath workspace(TopLevelItem job) {
        FilePath workspace = agent.getWorkspaceFor(job);
        assertThat(workspace).as("workspace of %s on the agent", job.getFullName()).isNotNull();
        return workspace;
    }

    /**
     * Writes {@code size} pseudo-random bytes to {@code relative} in the job's workspace on the agent, through the
     * channel, and returns their SHA-256.
     */
    String putFile(TopLevelItem job, String relative, long size, long seed) throws IOException, InterruptedException {
        Path local = Files2.random(Files.createTempDirectory(scratch, "f"), Path.of(relative).getFileName().toString(),
                size, seed);
        FilePath target = workspace(job).child(relative);
        target.getParent().mkdirs();
        new FilePath(local.toFile()).copyTo(target);
        return Files2.sha256(local);
    }

    /** The SHA-256 of a file on the agent, read through the channel. */
    static String sha256(FilePath file) throws IOException, InterruptedException {
        try (InputStream in = file.read()) {
            MessageDigest digest = MessageDigest.getInstance("SHA-256");
            byte[] buffer = new byte[1 << 16];
            for (int n; (n = in.read(buffer)) > 0; ) {
                digest.update(buffer, 0, n);
            }
            return HexFormat.of().formatHex(digest.digest());
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    static String sha256(byte[] bytes) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(bytes));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    /** Release 2.3.0 "Summer Update" (label approved) of the seeded application: a Windows and an Android build. */
    record SeededRelease(String id, String windowsBuildId, String windowsSha, String androidBuildId, String androidSha) {
        static final String VERSION = "2.3.0";
        static final String WINDOWS_FILE = "SpaceGameSetup.exe";
        static final String ANDROID_FILE = "space-game.apk";
    }

    SeededRelease seedRelease() {
        byte[] exe = bytes(200_000, 11);
        byte[] apk = bytes(120_000, 12);
        String app = seed.applicationId();
        String windows = emulator.addBuild(NewBuild.of(app, "windows", "production", SeededRelease.VERSION,
                SeededRelease.WINDOWS_FILE, exe));
        String android = emulator.addBuild(NewBuild.of(app, "android", "production", SeededRelease.VERSION,
                SeededRelease.ANDROID_FILE, apk));
        String id = emulator.addRelease(app, SeededRelease.VERSION, "Summer Update", "## Highlights\n- New levels",
                List.of("approved"), List.of(windows, android));
        return new SeededRelease(id, windows, sha256(exe), android, sha256(apk));
    }

    static byte[] bytes(int size, long seed) {
        byte[] bytes = new byte[size];
        new Random(seed).nextBytes(bytes);
        return bytes;
    }

    /** The build the emulator stored with this id. */
    StoredBuild stored(String buildId) {
        return emulator.storedBuild(buildId).orElseThrow(() -> new AssertionError("Buildstash has no build " + buildId));
    }

    /** The build as the API describes it (labels, notes, CI and source details), read with the application key. */
    Build apiBuild(String buildId) throws IOException, InterruptedException {
        BuildstashClient client = BuildstashClient.builder(ApiKey.of(seed.applicationKey()))
                .baseUrl(emulator.apiBaseUrl())
                .build();
        return client.getBuild(seed.applicationId(), buildId);
    }

    /**
     * No API key in any file under JENKINS_HOME (config.xml, credentials.xml, build.xml, program.dat, flow nodes, build
     * and agent logs) or under the agent's directory (workspaces, remoting cache), in nothing sent over the agent's
     * channel in either direction, and in nothing logged.
     */
    void assertNoSecretLeft() throws Exception {
        r.waitUntilNoActivityUpTo(60_000);
        List<String> leaks = new ArrayList<>();
        leaks.addAll(SecretScan.scan(r.jenkins.getRootDir().toPath(), secrets).stream()
                .map(f -> "JENKINS_HOME/" + f).toList());
        leaks.addAll(SecretScan.scan(Path.of(agent.getRemoteFS()), secrets).stream()
                .map(f -> "agent root/" + f).toList());
        leaks.addAll(tap.leaks());
        leaks.addAll(log.leaks(secrets));
        assertThat(leaks).as("places where an API key was found").isEmpty();
        assertThat(tap.commandsSent()).as("commands the tap saw going to the agent").isPositive();
    }

    /** No API key in any file under JENKINS_HOME right now, while a build may be running (program.dat exists then). */
    void assertNoSecretInJenkinsHomeNow() throws IOException {
        assertThat(SecretScan.scan(r.jenkins.getRootDir().toPath(), secrets)).as("files holding an API key").isEmpty();
    }

    @Override
    public void close() throws IOException {
        try {
            emulator.close();
        } finally {
            log.close();
            try (var paths = Files.walk(scratch)) {
                for (Path p : paths.sorted(java.util.Comparator.reverseOrder()).toList()) {
                    Files.deleteIfExists(p);
                }
            }
        }
    }
}
