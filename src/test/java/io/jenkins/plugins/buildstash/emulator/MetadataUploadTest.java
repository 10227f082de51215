package io.jenkins.plugins.buildstash.emulator;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.jenkins.plugins.buildstash.emulator.TestHttp.Reply;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class MetadataUploadTest {

    private BuildstashEmulator emulator;
    private Seed seed;
    private TestHttp http;
    private String buildId;
    private String pendingUploadId;

    @BeforeEach
    void uploadABuild() throws Exception {
        emulator = BuildstashEmulator.start();
        seed = emulator.seedDefaults();
        http = new TestHttp(emulator, seed.applicationKey());
        buildId = http.uploadSinglePart(TestHttp.uploadRequest("windows", "beta", "a.exe", 10), new byte[10])
                .json().get("build_id").asText();
        pendingUploadId = emulator.uploads().get(0).id();
    }

    @AfterEach
    void stop() {
        emulator.close();
    }

    private Reply request(String targetField, String target, String filename, long size) {
        return http.post("/upload/metadata/request", Json.object()
                .put(targetField, target)
                .put("filename", filename)
                .put("size_bytes", size));
    }

    private String upload(String targetField, String target, String filename, byte[] content, String description) {
        Reply requested = request(targetField, target, filename, content.length);
        JsonNode presigned = requested.json().get("presigned_upload_data");
        Reply put = http.put(presigned.get("url").asText(), content, TestHttp.headers(presigned));
        assertThat(put.status()).isEqualTo(200);
        Reply verified = http.post("/upload/metadata/verify", Json.object()
                .put("pending_upload_id", requested.json().get("metadata_pending_upload_id").asText())
                .put("file_description", description));
        assertThat(verified.status()).isEqualTo(200);
        return verified.json().get("metadata_artifact_id").asText();
    }

    @Test
    void artifactAttachedThroughThePrimaryUploadIdIsListedAndDownloadable() {
        byte[] log = "BUILD SUCCESSFUL\n".getBytes(java.nio.charset.StandardCharsets.UTF_8);

        String artifactId = upload("primary_pending_upload_id", pendingUploadId, "build.log", log, "Gradle log");

        String path = "/applications/" + seed.applicationId() + "/builds/" + buildId + "/metadata";
        JsonNode listed = http.get(path).json().get("data");
        assertThat(listed).singleElement().satisfies(artifact -> {
            assertThat(artifact.get("id").asText()).isEqualTo(artifactId);
            assertThat(artifact.get("filename").asText()).isEqualTo("build.log");
            assertThat(artifact.get("size_bytes").asLong()).isEqualTo(log.length);
        });
        assertThat(http.get(path + "/" + artifactId).json().get("data").get("build_id").asText()).isEqualTo(buildId);
        JsonNode download = http.get(path + "/" + artifactId + "/download").json();
        assertThat(download.get("filename").asText()).isEqualTo("build.log");
        assertThat(http.as(null).fetch(download.get("temp_url").asText()).raw().body()).isEqualTo(log);
        assertThat(emulator.storedBuild(buildId).orElseThrow().metadataArtifacts())
                .extracting(StoredFile::sha256).containsExactly(TestBytes.sha256(log));
    }

    @Test
    void artifactAttachedThroughTheBuildIdAppearsOnTheBuild() {
        String artifactId = upload("build_id", buildId, "sbom.cdx.json", "{}".getBytes(), null);

        JsonNode build = http.get("/applications/" + seed.applicationId() + "/builds/" + buildId).json().get("data");

        assertThat(build.get("metadata_artifacts")).singleElement()
                .satisfies(artifact -> assertThat(artifact.get("id").asText()).isEqualTo(artifactId));
        assertThat(build.get("metadata_total_bytes").asLong()).isEqualTo(2);
    }

    @Test
    void artifactLargerThanTwentyMebibytesIsAValidationError() {
        Reply atLimit = request("build_id", buildId, "big.log", 20 * 1024 * 1024);
        Reply tooLarge = request("build_id", buildId, "big.log", 20 * 1024 * 1024 + 1);

        assertThat(atLimit.status()).isEqualTo(200);
        assertThat(tooLarge.status()).isEqualTo(422);
        assertThat(tooLarge.json().get("errors").has("size_bytes")).isTrue();
    }

    @Test
    void requestWithoutATargetOrForAnUnverifiedUploadIsABadRequest() {
        String unverified = http.post("/upload/request", TestHttp.uploadRequest("windows", "beta", "b.exe", 1))
                .json().get("pending_upload_id").asText();

        Reply noTarget = http.post("/upload/metadata/request", Json.object().put("filename", "a.log").put("size_bytes", 1));
        Reply early = request("primary_pending_upload_id", unverified, "a.log", 1);
        Reply unknownBuild = request("build_id", "no-such-build", "a.log", 1);

        assertThat(noTarget.json().get("message").asText())
                .isEqualTo("Either build_id or primary_pending_upload_id is required.");
        assertThat(early.json().get("message").asText())
                .isEqualTo("Verify the primary upload before adding metadata artifacts to it.");
        assertThat(unknownBuild.status()).isEqualTo(400);
    }

    @Test
    void metadataVerifyBeforeThePutIsRefused() {
        String id = request("build_id", buildId, "a.log", 5).json().get("metadata_pending_upload_id").asText();

        Reply verify = http.post("/upload/metadata/verify", Json.object().put("pending_upload_id", id));

        assertThat(verify.status()).isEqualTo(400);
        assertThat(verify.json().get("message").asText()).isEqualTo("The file a.log has not been uploaded.");
    }
}
