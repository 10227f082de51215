package io.jenkins.plugins.buildstash.jenkins;

import io.jenkins.plugins.buildstash.jenkins.agent.AgentDownloadSide;

import static org.assertj.core.api.Assertions.assertThat;

import hudson.model.TaskListener;
import io.jenkins.plugins.buildstash.api.ApiKey;
import io.jenkins.plugins.buildstash.api.BuildstashClient;
import io.jenkins.plugins.buildstash.api.Sleeper;
import io.jenkins.plugins.buildstash.emulator.BuildstashEmulator;
import io.jenkins.plugins.buildstash.emulator.NewBuild;
import io.jenkins.plugins.buildstash.emulator.Seed;
import io.jenkins.plugins.buildstash.release.DownloadOrder;
import io.jenkins.plugins.buildstash.release.DownloadPlan;
import io.jenkins.plugins.buildstash.release.DownloadReceipt;
import io.jenkins.plugins.buildstash.release.LocalDownloadSide;
import io.jenkins.plugins.buildstash.release.Pacer;
import io.jenkins.plugins.buildstash.release.ReleaseFetcher;
import io.jenkins.plugins.buildstash.release.ReleaseSelection;
import io.jenkins.plugins.buildstash.upload.TransferSettings;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.ObjectInputStream;
import java.io.ObjectOutputStream;
import java.io.OutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The agent callable of a release download, called directly as the agent would after deserialising it. */
class ReleaseDownloadCallableTest {

    private static final byte[] APK = random(400_000, 1);
    private static final byte[] OBB = random(250_000, 2);

    @TempDir
    Path dir;

    private BuildstashEmulator emulator;
    private Seed seed;
    private final List<DownloadOrder> orders = new ArrayList<>();

    @BeforeEach
    void captureOrdersOfARealDownload() throws Exception {
        emulator = BuildstashEmulator.start();
        seed = emulator.seedDefaults();
        String build = emulator.addBuild(NewBuild.of(seed.applicationId(), "android", "production", "2.3.0",
                "space-game.apk", APK).withExpansion("main.230.com.example.game.obb", OBB));
        emulator.addRelease(seed.applicationId(), "2.3.0", "Spring Update", null, List.of(), List.of(build));
        BuildstashClient client = BuildstashClient.builder(ApiKey.of(seed.applicationKey()))
                .baseUrl(emulator.apiBaseUrl()).build();
        LocalDownloadSide controller = new LocalDownloadSide(dir.resolve("controller"), line -> {});
        new ReleaseFetcher(client, order -> {
                    orders.add(order);
                    return controller.fetch(order);
                }, new Pacer(Duration.ZERO, Clock.systemUTC(), Sleeper.SYSTEM), line -> {})
                .fetch(ReleaseSelection.byVersion(null, "2.3.0"),
                        new DownloadPlan(null, List.of(), TransferSettings.defaults()));
        assertThat(orders).hasSize(1);
    }

    @AfterEach
    void stop() {
        emulator.close();
    }

    @Test
    void theCallableCarriesTemporaryUrlsButNeverTheApiKey() throws Exception {
        byte[] bytes = serialise(new AgentDownloadSide.DownloadCallable(orders.get(0), new BufferListener()));

        String text = new String(bytes, StandardCharsets.ISO_8859_1);
        assertThat(text).contains("space-game.apk").contains("X-Emu-Signature");
        assertThat(text).doesNotContain(seed.applicationKey()).doesNotContain(seed.workspaceKey())
                .doesNotContainIgnoringCase("bearer");
    }

    @Test
    void theCallableWritesTheFilesIntoTheAgentsWorkspaceByteIdentical() throws Exception {
        AgentDownloadSide.DownloadCallable sent = (AgentDownloadSide.DownloadCallable) deserialise(
                serialise(new AgentDownloadSide.DownloadCallable(orders.get(0), new BufferListener())));
        Path workspace = Files.createDirectories(dir.resolve("agent-workspace"));

        DownloadReceipt receipt = sent.invoke(workspace.toFile(), null);

        assertThat(receipt.files()).extracting(f -> f.path()).containsExactly(
                "buildstash-release/android/space-game.apk", "buildstash-release/android/main.230.com.example.game.obb");
        assertThat(Files.readAllBytes(workspace.resolve("buildstash-release/android/space-game.apk"))).isEqualTo(APK);
        assertThat(Files.readAllBytes(workspace.resolve("buildstash-release/android/main.230.com.example.game.obb")))
                .isEqualTo(OBB);
    }

    @Test
    void theCallableLogsToTheBuildLogWithoutTheUrlsSecrets() throws Exception {
        BufferListener listener = new BufferListener();

        new AgentDownloadSide.DownloadCallable(orders.get(0), listener)
                .invoke(Files.createDirectories(dir.resolve("agent-workspace")).toFile(), null);

        assertThat(listener.text()).contains("Downloaded buildstash-release/android/space-game.apk (391 KiB)")
                .doesNotContain("X-Emu-Signature");
    }

    @Test
    void linesPrintedOnTheAgentAreFlushedBeforeTheCallableReturns() throws Exception {
        JenkinsDoubles.BufferingListener agentLog = new JenkinsDoubles.BufferingListener();

        new AgentDownloadSide.DownloadCallable(orders.get(0), agentLog)
                .invoke(Files.createDirectories(dir.resolve("agent-workspace")).toFile(), null);

        assertThat(agentLog.text()).contains("Downloaded buildstash-release/android/space-game.apk (391 KiB)");
    }

    private static byte[] serialise(Object o) throws Exception {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (ObjectOutputStream out = new ObjectOutputStream(bytes)) {
            out.writeObject(o);
        }
        return bytes.toByteArray();
    }

    private static Object deserialise(byte[] bytes) throws Exception {
        try (ObjectInputStream in = new ObjectInputStream(new ByteArrayInputStream(bytes))) {
            return in.readObject();
        }
    }

    private static byte[] random(int size, long seed) {
        byte[] bytes = new byte[size];
        new Random(seed).nextBytes(bytes);
        return bytes;
    }

    /** A build log in memory; after travelling, a log that discards. */
    static final class BufferListener implements TaskListener {
        private static final long serialVersionUID = 1L;

        private transient ByteArrayOutputStream buffer = new ByteArrayOutputStream();
        private transient PrintStream logger = new PrintStream(buffer, true, StandardCharsets.UTF_8);

        @Override
        public PrintStream getLogger() {
            if (logger == null) {
                logger = new PrintStream(OutputStream.nullOutputStream());
            }
            return logger;
        }

        String text() {
            return buffer.toString(StandardCharsets.UTF_8);
        }
    }
}
