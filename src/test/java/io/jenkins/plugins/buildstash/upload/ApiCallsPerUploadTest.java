package io.jenkins.plugins.buildstash.upload;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;

import io.jenkins.plugins.buildstash.api.BuildstashClient;
import io.jenkins.plugins.buildstash.api.BuildstashException;
import io.jenkins.plugins.buildstash.emulator.EmulatorOptions;
import io.jenkins.plugins.buildstash.emulator.Fault;
import io.jenkins.plugins.buildstash.testing.ApiFixture;
import io.jenkins.plugins.buildstash.testing.Files2;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Issue 15: an upload makes the API calls the cURL recipe makes (request, one presign per part, verify) once the
 * key's kind is known, counted on the emulator. The kind is learned once per key, and again after a refusal.
 */
class ApiCallsPerUploadTest {

    @TempDir
    Path dir;

    private int patch;

    @Test
    void afterTheFirstUploadAKeysUploadsMakeOnlyTheRecipesCalls() throws Exception {
        try (ApiFixture api = ApiFixture.start(EmulatorOptions.defaults().withMultipartThresholdBytes(2L << 20)
                .withPartSizeMb(1))) {
            KeyKindMemory memory = new KeyKindMemory(4);
            BuildstashClient client = api.appClient();
            Path small = Files2.random(dir, "small.apk", 1000, 1);
            Path threeParts = Files2.random(dir, "big.apk", (2L << 20) + 5, 2);

            Map<String, Long> first = calls(api, () -> upload(client, memory, small));
            Map<String, Long> second = calls(api, () -> upload(client, memory, small));
            Map<String, Long> multipart = calls(api, () -> upload(client, memory, threeParts));

            assertThat(first).containsEntry("listApplications", 1L).containsEntry("listWorkspaceLabels", 1L);
            assertThat(apiCalls(first)).isEqualTo(4);
            assertThat(second).containsOnlyKeys("requestUpload", "storagePutObject", "verifyUpload");
            assertThat(apiCalls(second)).as("the cURL recipe: request and verify").isEqualTo(2);
            assertThat(multipart).containsEntry("requestMultipartPart", 3L).doesNotContainKey("listApplications");
            assertThat(apiCalls(multipart)).as("the cURL recipe: request, 3 presigns, verify").isEqualTo(2 + 3);
            assertThat(memory.size()).isEqualTo(1);
        }
    }

    @Test
    void theMemoryNamesAKeyByADigestNeverByTheKey() throws Exception {
        try (ApiFixture api = ApiFixture.start()) {
            String fingerprint = api.appClient().keyFingerprint();

            assertThat(fingerprint).hasSize(64).matches("[0-9a-f]+").doesNotContain(api.seed.applicationKey());
            assertThat(api.workspaceClient().keyFingerprint()).isNotEqualTo(fingerprint);
            assertThat(api.appClient().keyFingerprint()).isEqualTo(fingerprint);
        }
    }

    @Test
    void aRefusedUploadRequestForgetsTheKeysKindAndTheNextUploadLearnsItAgain() throws Exception {
        try (ApiFixture api = ApiFixture.start()) {
            KeyKindMemory memory = new KeyKindMemory(4);
            BuildstashClient client = api.appClient();
            Path file = Files2.random(dir, "app.apk", 1000, 3);
            upload(client, memory, file);
            api.emulator.faults().on("requestUpload").once().inject(Fault.status(401));

            Throwable refused = catchThrowable(() -> upload(client, memory, file));
            Map<String, Long> after = calls(api, () -> upload(client, memory, file));

            assertThat(refused).isInstanceOf(BuildstashException.class).hasMessageContaining("HTTP 401");
            assertThat(after).containsEntry("listApplications", 1L).containsEntry("requestUpload", 1L);
            assertThat(memory.size()).isEqualTo(1);
        }
    }

    @Test
    void aWorkspaceKeyIsNeverRememberedAndIsRefusedEveryTime() throws Exception {
        try (ApiFixture api = ApiFixture.start()) {
            KeyKindMemory memory = new KeyKindMemory(4);
            Path file = Files2.random(dir, "app.apk", 1000, 4);
            for (int i = 0; i < 2; i++) {
                Throwable e = catchThrowable(() -> upload(api.workspaceClient(), memory, file));
                assertThat(e).isInstanceOf(InvalidUploadException.class).hasMessageContaining("workspace key");
            }
            assertThat(memory.size()).isZero();
            assertThat(api.emulator.requestCounts()).doesNotContainKey("requestUpload");
        }
    }

    private void upload(BuildstashClient client, KeyKindMemory memory, Path file) throws Exception {
        new Uploader(client, new LocalFileSide(line -> {}), line -> {}, memory).upload(new UploadSpec(LocalFile.of(file),
                null, List.of(), UploadOptions.builder().platform("android").stream("beta").version(1, 0, ++patch).build(),
                null));
    }

    private interface Upload {
        void run() throws Exception;
    }

    /** The requests per route that {@code upload} made, from the emulator's counters. */
    private static Map<String, Long> calls(ApiFixture api, Upload upload) throws Exception {
        Map<String, Long> before = api.emulator.requestCounts();
        upload.run();
        Map<String, Long> diff = new TreeMap<>();
        api.emulator.requestCounts().forEach((route, n) -> {
            long d = n - before.getOrDefault(route, 0L);
            if (d > 0) {
                diff.put(route, d);
            }
        });
        return diff;
    }

    private static long apiCalls(Map<String, Long> calls) {
        return calls.entrySet().stream().filter(e -> !e.getKey().startsWith("storage")).mapToLong(Map.Entry::getValue).sum();
    }
}
