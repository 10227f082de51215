package io.jenkins.plugins.buildstash.emulator;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.jenkins.plugins.buildstash.emulator.TestHttp.Reply;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class SinglePartUploadTest {

    private final MutableClock clock = new MutableClock(Instant.parse("2026-11-29T10:00:00Z"));
    private BuildstashEmulator emulator;
    private Seed seed;
    private TestHttp http;

    @BeforeEach
    void start() throws Exception {
        emulator = BuildstashEmulator.start(EmulatorOptions.defaults().withClock(clock));
        seed = emulator.seedDefaults();
        http = new TestHttp(emulator, seed.applicationKey());
    }

    @AfterEach
    void stop() {
        emulator.close();
    }

    @Test
    void requestAnswersFlatWithPresignedDataSignedOverExactlyThreeHeaders() {
        Reply reply = http.post("/upload/request", TestHttp.uploadRequest("android", "beta", "app.apk", 1234));

        assertThat(reply.status()).isEqualTo(200);
        assertThat(reply.json().has("data")).as("flat body, no data wrapper (G2)").isFalse();
        assertThat(reply.json().get("pending_upload_id").asText()).matches("[0-9a-f-]{36}");
        JsonNode primary = reply.json().get("primary_file");
        assertThat(primary.get("filename").asText()).isEqualTo("app.apk");
        assertThat(primary.get("chunked_upload").asBoolean()).isFalse();
        JsonNode presigned = primary.get("presigned_data");
        assertThat(presigned.get("url").asText()).startsWith(emulator.baseUrl() + "/storage/put/")
                .contains("X-Emu-Expires=").contains("X-Emu-Signature=");
        assertThat(TestHttp.headers(presigned)).containsExactly(
                Map.entry("Content-Type", "application/vnd.android.package-archive"),
                Map.entry("Content-Disposition", "attachment; filename=\"app.apk\""),
                Map.entry("Content-Length", "1234"));
        assertThat(reply.json().has("expansion_files")).isFalse();
    }

    @Test
    void uploadedFileBecomesABuildWhoseDownloadServesTheSameBytes() {
        byte[] content = TestBytes.random(200_000, 1);

        Reply verified = http.uploadSinglePart(TestHttp.uploadRequest("windows", "beta", "Game Setup.exe", content.length)
                .put("custom_build_number", "398"), content);

        assertThat(verified.status()).isEqualTo(200);
        String buildId = verified.json().get("build_id").asText();
        assertThat(verified.json().get("pending_processing").asBoolean()).isFalse();
        assertThat(verified.json().get("build_info_url").asText()).startsWith("https://app.buildstash.com/builds/");
        assertThat(emulator.storedBuild(buildId).orElseThrow().primary())
                .isEqualTo(new StoredFile(emulator.storedBuild(buildId).orElseThrow().primary().id(), "Game Setup.exe",
                        content.length, TestBytes.sha256(content)));

        String path = "/applications/" + seed.applicationId() + "/builds/" + buildId;
        JsonNode build = http.get(path).json().get("data");
        assertThat(build.get("version").asText()).isEqualTo("1.2.3");
        assertThat(build.get("build_number").asText()).isEqualTo("398");
        assertThat(build.get("primary_file").get("size_bytes").asLong()).isEqualTo(content.length);
        JsonNode download = http.get(path + "/download").json();
        assertThat(download.get("primary_file").get("filename").asText()).isEqualTo("Game Setup.exe");
        Reply bytes = http.as(null).fetch(download.get("primary_file").get("temp_url").asText());
        assertThat(bytes.status()).isEqualTo(200);
        assertThat(bytes.raw().body()).isEqualTo(content);
        assertThat(bytes.header("Content-Length")).isEqualTo(Integer.toString(content.length));
    }

    @Test
    void storageAnswersEachPutWithTheQuotedMd5OfItsBodyInMd5Mode() {
        byte[] content = TestBytes.random(5000, 2);
        JsonNode presigned = http.post("/upload/request", TestHttp.uploadRequest("windows", "beta", "a.exe", 5000))
                .json().get("primary_file").get("presigned_data");

        Reply put = http.put(presigned.get("url").asText(), content, TestHttp.headers(presigned));

        assertThat(put.status()).isEqualTo(200);
        assertThat(put.header("ETag")).isEqualTo('"' + TestBytes.md5(content) + '"');
    }

    @Test
    void putWithAnotherContentTypeThanSignedIsRefusedAsASignatureMismatch() {
        JsonNode presigned = http.post("/upload/request", TestHttp.uploadRequest("windows", "beta", "a.exe", 10))
                .json().get("primary_file").get("presigned_data");
        Map<String, String> headers = new HashMap<>(TestHttp.headers(presigned));
        headers.put("Content-Type", "text/plain");

        Reply put = http.put(presigned.get("url").asText(), new byte[10], headers);

        assertThat(put.status()).isEqualTo(403);
        assertThat(put.text()).contains("<Code>SignatureDoesNotMatch</Code>");
    }

    @Test
    void putOfAnotherLengthThanSignedIsRefused() {
        JsonNode presigned = http.post("/upload/request", TestHttp.uploadRequest("windows", "beta", "a.exe", 10))
                .json().get("primary_file").get("presigned_data");

        Reply put = http.put(presigned.get("url").asText(), new byte[11], TestHttp.headers(presigned));

        assertThat(put.status()).isEqualTo(403);
        assertThat(put.text()).contains("SignatureDoesNotMatch");
    }

    @Test
    void putToATamperedUrlIsRefused() {
        JsonNode presigned = http.post("/upload/request", TestHttp.uploadRequest("windows", "beta", "a.exe", 10))
                .json().get("primary_file").get("presigned_data");
        String url = presigned.get("url").asText();
        String later = url.replaceFirst("X-Emu-Expires=(\\d+)", "X-Emu-Expires=9$1");

        assertThat(http.put(later, new byte[10], TestHttp.headers(presigned)).text()).contains("SignatureDoesNotMatch");
        assertThat(http.put(url.substring(0, url.indexOf('?')), new byte[10], TestHttp.headers(presigned)).status())
                .isEqualTo(403);
    }

    @Test
    void putAfterThePresignedUrlExpiredIsRefusedAsS3Does() {
        JsonNode presigned = http.post("/upload/request", TestHttp.uploadRequest("windows", "beta", "a.exe", 10))
                .json().get("primary_file").get("presigned_data");
        clock.advance(emulator.options().presignTtl().plus(Duration.ofSeconds(1)));

        Reply put = http.put(presigned.get("url").asText(), new byte[10], TestHttp.headers(presigned));

        assertThat(put.status()).isEqualTo(403);
        assertThat(put.text()).contains("<Code>AccessDenied</Code>").contains("<Message>Request has expired</Message>");
    }

    @Test
    void privateAclHeaderIsAcceptedAndAnyOtherAclRefused() {
        ObjectNode request = TestHttp.uploadRequest("windows", "beta", "a.exe", 10);
        JsonNode presigned = http.post("/upload/request", request).json().get("primary_file").get("presigned_data");
        Map<String, String> headers = new HashMap<>(TestHttp.headers(presigned));
        headers.put("x-amz-acl", "public-read");
        assertThat(http.put(presigned.get("url").asText(), new byte[10], headers).status()).isEqualTo(403);

        headers.put("x-amz-acl", "private");
        assertThat(http.put(presigned.get("url").asText(), new byte[10], headers).status()).isEqualTo(200);
    }

    @Test
    void verifyBeforeTheFileArrivedSaysWhichFileIsMissing() {
        String id = http.post("/upload/request", TestHttp.uploadRequest("windows", "beta", "a.exe", 10))
                .json().get("pending_upload_id").asText();

        Reply verify = http.post("/upload/verify", Json.object().put("pending_upload_id", id));

        assertThat(verify.status()).isEqualTo(400);
        assertThat(verify.json().get("message").asText()).isEqualTo("The file a.exe has not been uploaded.");
    }

    @Test
    void secondVerifyOfTheSameUploadIsRefusedAsAlreadyVerified() {
        byte[] content = TestBytes.random(100, 3);
        Reply first = http.uploadSinglePart(TestHttp.uploadRequest("windows", "beta", "a.exe", 100), content);
        String id = emulator.uploads().get(0).id();

        Reply second = http.post("/upload/verify", Json.object().put("pending_upload_id", id));

        assertThat(first.status()).isEqualTo(200);
        assertThat(second.status()).isEqualTo(400);
        assertThat(second.json().get("message").asText()).isEqualTo("This upload has already been verified.");
        assertThat(emulator.storedBuilds()).hasSize(1);
    }

    @Test
    void abortDiscardsTheUploadAndLaterPutsAndVerifiesAreRefused() {
        Reply requested = http.post("/upload/request", TestHttp.uploadRequest("windows", "beta", "a.exe", 10));
        String id = requested.json().get("pending_upload_id").asText();
        JsonNode presigned = requested.json().get("primary_file").get("presigned_data");
        assertThat(http.put(presigned.get("url").asText(), new byte[10], TestHttp.headers(presigned)).status())
                .isEqualTo(200);

        Reply abort = http.post("/upload/abort", Json.object().put("pending_upload_id", id));

        assertThat(abort.status()).isEqualTo(200);
        assertThat(emulator.abortedUploadIds()).containsExactly(id);
        assertThat(emulator.pendingUploads()).isEmpty();
        assertThat(http.put(presigned.get("url").asText(), new byte[10], TestHttp.headers(presigned)).text())
                .contains("<Code>NoSuchUpload</Code>");
        assertThat(http.post("/upload/verify", Json.object().put("pending_upload_id", id)).json().get("message")
                .asText()).isEqualTo("This upload has been aborted.");
        assertThat(http.post("/upload/abort", Json.object().put("pending_upload_id", id)).status()).isEqualTo(400);
        assertThat(emulator.storedBuilds()).isEmpty();
    }

    @Test
    void unknownPendingUploadIsABadRequest() {
        Reply verify = http.post("/upload/verify",
                Json.object().put("pending_upload_id", "00000000-0000-4000-8000-000000000000"));

        assertThat(verify.status()).isEqualTo(400);
        assertThat(verify.json().get("message").asText()).isEqualTo("No pending upload has this pending_upload_id.");
    }

    @Test
    void storeDirectoryKeepsTheUploadedBytesAfterClose(@org.junit.jupiter.api.io.TempDir java.nio.file.Path store)
            throws Exception {
        byte[] content = TestBytes.random(1000, 12);
        try (BuildstashEmulator kept = BuildstashEmulator.start(EmulatorOptions.defaults().withStoreDirectory(store))) {
            new TestHttp(kept, kept.seedDefaults().applicationKey())
                    .uploadSinglePart(TestHttp.uploadRequest("windows", "beta", "a.exe", content.length), content);
        }

        try (var files = java.nio.file.Files.list(store)) {
            assertThat(files.toList()).singleElement()
                    .satisfies(file -> assertThat(java.nio.file.Files.readAllBytes(file)).isEqualTo(content));
        }
    }

    @Test
    void workspaceKeyUploadsToTheApplicationItNames() {
        ObjectNode request = TestHttp.uploadRequest("ios", "production", "Game.ipa", 10)
                .put("application_id", seed.applicationId());

        Reply verified = http.as(seed.workspaceKey()).uploadSinglePart(request, new byte[10]);

        assertThat(verified.status()).isEqualTo(200);
        assertThat(verified.json().get("pending_processing").asBoolean()).isTrue();
        assertThat(emulator.storedBuilds()).singleElement()
                .satisfies(build -> assertThat(build.applicationId()).isEqualTo(seed.applicationId()));
    }
}
