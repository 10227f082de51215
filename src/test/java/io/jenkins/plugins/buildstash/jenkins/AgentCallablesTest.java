package io.jenkins.plugins.buildstash.jenkins;

import io.jenkins.plugins.buildstash.jenkins.agent.AgentFileSide;
import io.jenkins.plugins.buildstash.jenkins.agent.ResolveFilesCallable;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;

import io.jenkins.plugins.buildstash.api.BuildstashClient;
import io.jenkins.plugins.buildstash.api.ProxySettings;
import io.jenkins.plugins.buildstash.jenkins.agent.AgentDownloadSide;
import io.jenkins.plugins.buildstash.release.DownloadFile;
import io.jenkins.plugins.buildstash.release.DownloadOrder;
import io.jenkins.plugins.buildstash.upload.FileOrder;
import io.jenkins.plugins.buildstash.upload.FileRole;
import io.jenkins.plugins.buildstash.upload.TransferOrder;
import io.jenkins.plugins.buildstash.upload.TransferSettings;
import io.jenkins.plugins.buildstash.emulator.EmulatorOptions;
import io.jenkins.plugins.buildstash.emulator.StoredBuild;
import io.jenkins.plugins.buildstash.files.FileSelectionException;
import io.jenkins.plugins.buildstash.testing.ApiFixture;
import io.jenkins.plugins.buildstash.testing.Files2;
import io.jenkins.plugins.buildstash.testing.SecretLedger;
import io.jenkins.plugins.buildstash.upload.FileSide;
import io.jenkins.plugins.buildstash.upload.LocalFile;
import io.jenkins.plugins.buildstash.upload.UploadOptions;
import io.jenkins.plugins.buildstash.upload.UploadResult;
import io.jenkins.plugins.buildstash.upload.UploadSpec;
import io.jenkins.plugins.buildstash.upload.Uploader;
import java.io.ByteArrayOutputStream;
import java.io.ObjectOutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The callables that run on the agent, invoked directly on a temporary workspace, as FilePath.act would. */
class AgentCallablesTest {

    @TempDir
    Path workspace;

    @Test
    void findsTheFilesOnTheAgentAndReturnsOnlyNamesSizesAndPaths() throws Exception {
        Files.createDirectories(workspace.resolve("build/outputs"));
        Files.writeString(workspace.resolve("build/outputs/app-release.apk"), "apk");
        Files.writeString(workspace.resolve("build/outputs/main.obb"), "obb!");
        Files.writeString(workspace.resolve("build/report.xml"), "<r/>");
        ResolveFilesCallable.Found found = new ResolveFilesCallable("build/**/*.apk", "build/**/*.obb", "build/*.xml")
                .invoke(workspace.toFile(), null);
        assertThat(found.primary().name()).isEqualTo("app-release.apk");
        assertThat(found.primary().size()).isEqualTo(3);
        assertThat(found.expansion().size()).isEqualTo(4);
        assertThat(found.metadata()).extracting(LocalFile::name).containsExactly("report.xml");
    }

    @Test
    void aPatternMatchingSeveralFilesIsRefusedWithTheMatches() throws Exception {
        Files.writeString(workspace.resolve("a.apk"), "1");
        Files.writeString(workspace.resolve("b.apk"), "2");
        Throwable e = catchThrowable(() -> new ResolveFilesCallable("*.apk", null, null).invoke(workspace.toFile(), null));
        assertThat(e).isInstanceOf(FileSelectionException.class).hasMessageContaining("a.apk").hasMessageContaining("b.apk");
    }

    @Test
    void theTransferCallableUploadsFromTheWorkspaceAndCarriesNoKey() throws Exception {
        try (ApiFixture api = ApiFixture.start(
                EmulatorOptions.defaults().withMultipartThresholdBytes(1 << 20).withPartSizeMb(1))) {
            Path apk = Files2.random(workspace, "game.apk", 3L << 20, 42);
            JenkinsDoubles.MemoryListener listener = new JenkinsDoubles.MemoryListener();
            List<byte[]> serialised = new java.util.ArrayList<>();
            // What AgentFileSide does, minus remoting: build the callable, serialise it as act() would, invoke it.
            FileSide agent = (order, urls) -> {
                AgentFileSide.TransferCallable callable = new AgentFileSide.TransferCallable(order, urls, listener);
                serialised.add(serialiseWithoutTheProxy(callable));
                return callable.invoke(workspace.toFile(), null);
            };
            BuildstashClient client = api.appClient();
            UploadResult result = new Uploader(client, agent, line -> {}).upload(new UploadSpec(LocalFile.of(apk), null,
                    List.of(), UploadOptions.builder().platform("android").stream("beta").version(1, 0, 0).build(), null));

            StoredBuild stored = api.emulator.storedBuild(result.buildId()).orElseThrow();
            assertThat(stored.primary().sha256()).isEqualTo(Files2.sha256(apk));
            assertThat(listener.text()).contains("Sent game.apk (3 MiB)");
            assertThat(serialised).singleElement().satisfies(bytes -> {
                String text = new String(bytes, StandardCharsets.ISO_8859_1);
                SecretLedger.observe("transfer callable (serialised)", text);
                assertThat(text).doesNotContain(api.seed.applicationKey()).doesNotContain(SecretLedger.SIGNATURE_MARKER)
                        .contains("game.apk");
            });
        }
    }

    @Test
    void linesPrintedOnTheAgentAreFlushedBeforeTheTransferCallableReturns() throws Exception {
        try (ApiFixture api = ApiFixture.start(
                EmulatorOptions.defaults().withMultipartThresholdBytes(1 << 20).withPartSizeMb(1))) {
            Path apk = Files2.random(workspace, "game.apk", 3L << 20, 7);
            JenkinsDoubles.BufferingListener agentLog = new JenkinsDoubles.BufferingListener();
            List<String> seenWhenTheCallableReturned = new java.util.ArrayList<>();
            FileSide agent = (order, urls) -> {
                try {
                    return new AgentFileSide.TransferCallable(order, urls, agentLog).invoke(workspace.toFile(), null);
                } finally {
                    seenWhenTheCallableReturned.add(agentLog.text());
                }
            };
            new Uploader(api.appClient(), agent, line -> {}).upload(new UploadSpec(LocalFile.of(apk), null, List.of(),
                    UploadOptions.builder().platform("android").stream("beta").version(1, 0, 0).build(), null));

            // The controller prints its next line only after the callable has returned: by then the agent's are in.
            assertThat(seenWhenTheCallableReturned).singleElement().asString().contains("Sent game.apk (3 MiB)");
        }
    }

    /**
     * Issue 13, item 2: the controller's proxy password stays on the controller. Agents get at most where the proxy is
     * (the opt-in {@code controllerProxyOnAgents}); every callable that crosses to an agent is serialised here and
     * searched for the password, plain and as the Basic credentials it would be sent as.
     */
    @Test
    void noCallableThatGoesToAnAgentCarriesTheControllersProxyPassword() throws Exception {
        ProxySettings controllerProxy = ProxySettings.of("proxy.corp.example", 3128, List.of("*.internal"), "builder",
                "proxy-s3cret");
        TransferSettings toAgents = TransferSettings.defaults().withProxy(controllerProxy.route());
        JenkinsDoubles.MemoryListener listener = new JenkinsDoubles.MemoryListener();
        TransferOrder upload = new TransferOrder(
                List.of(FileOrder.single(FileRole.PRIMARY, 0, new LocalFile("/ws/game.apk", "game.apk", 3))), toAgents);
        DownloadOrder download = new DownloadOrder("b1", "android", "out", List.of(new DownloadFile("primary",
                "game.apk", 3, "https://storage.example/b1/game.apk?X-Amz-Signature=abc")), toAgents);
        Map<String, Object> callables = Map.of(
                "upload transfer", new AgentFileSide.TransferCallable(upload, null, listener),
                "download", new AgentDownloadSide.DownloadCallable(download, listener),
                "resolve files", new ResolveFilesCallable("*.apk", null, "reports/*.xml"));
        String basic = Base64.getEncoder().encodeToString("builder:proxy-s3cret".getBytes(StandardCharsets.UTF_8));

        callables.forEach((name, callable) -> {
            String text;
            try {
                text = new String(serialiseWithoutTheProxy(callable), StandardCharsets.ISO_8859_1);
            } catch (java.io.IOException e) {
                throw new AssertionError(name + " does not serialise", e);
            }
            assertThat(text).as(name).doesNotContain("proxy-s3cret").doesNotContain(basic);
        });
        // The route itself does travel (so the search above looked at a callable that holds proxy settings).
        assertThat(new String(serialiseWithoutTheProxy(callables.get("upload transfer")), StandardCharsets.ISO_8859_1))
                .contains("proxy.corp.example");
        // The settings with the password cannot travel at all: remoting would refuse them.
        assertThat(catchThrowable(() -> serialiseWithoutTheProxy(controllerProxy)))
                .isInstanceOf(java.io.NotSerializableException.class);
    }

    /**
     * Serialises the callable the way remoting sends it: the part-URL source is an exported object, which travels as
     * a reference, so it is replaced by a marker here.
     */
    private static byte[] serialiseWithoutTheProxy(Object callable) throws java.io.IOException {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (ObjectOutputStream out = new ObjectOutputStream(bytes) {
            {
                enableReplaceObject(true);
            }

            @Override
            protected Object replaceObject(Object obj) {
                return obj instanceof io.jenkins.plugins.buildstash.upload.UrlSource ? "<exported UrlSource>" : obj;
            }
        }) {
            out.writeObject(callable);
        }
        return bytes.toByteArray();
    }
}
