package io.jenkins.plugins.buildstash.api;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.jenkins.plugins.buildstash.api.model.FileSpec;
import io.jenkins.plugins.buildstash.api.model.MultipartChunk;
import io.jenkins.plugins.buildstash.api.model.Release;
import io.jenkins.plugins.buildstash.api.model.UploadInstructions;
import io.jenkins.plugins.buildstash.api.model.UploadRequest;
import java.util.List;
import org.junit.jupiter.api.Test;

class JsonTest {

    @Test
    void uploadRequestUsesTheApiFieldNamesAndLeavesOutWhatIsUnset() {
        UploadRequest request = new UploadRequest(null, "file", "android", null, "beta", "jenkins",
                new FileSpec("app.apk", 123), List.of(), 1, 0, 0, "", null, null, List.of("qa"), List.of(), null,
                null, null, null, null, null, null, null, null, null, null, null);
        JsonNode json = Json.MAPPER.valueToTree(request);
        assertThat(json.get("version_component_1_major").asInt()).isEqualTo(1);
        assertThat(json.get("version_component_2_minor").isInt()).isTrue();
        assertThat(json.get("version_component_3_patch").asInt()).isZero();
        assertThat(json.get("primary_file").get("size_bytes").asLong()).isEqualTo(123);
        assertThat(json.get("labels").get(0).asText()).isEqualTo("qa");
        // Never "" nor []: the server rejects an empty extra, and an empty list says nothing.
        assertThat(json.has("version_component_extra")).isFalse();
        assertThat(json.has("expansion_files")).isFalse();
        assertThat(json.has("architectures")).isFalse();
        assertThat(json.has("application_id")).isFalse();
    }

    @Test
    void multipartChunksUseThePascalCaseKeysOfVerify() {
        JsonNode json = Json.MAPPER.valueToTree(new MultipartChunk(3, "\"abc\""));
        assertThat(json.get("PartNumber").asInt()).isEqualTo(3);
        assertThat(json.get("ETag").asText()).isEqualTo("\"abc\"");
    }

    @Test
    void uploadInstructionsAreReadLenientlyAsTheBriefDescribesThem() throws Exception {
        String body = """
                {"message":"ok","pending_upload_id":"u-1","unknown_new_field":{"x":1},
                 "primary_file":{"filename":"app.apk","chunked_upload":false,
                   "chunked_number_parts":"","chunked_part_size_mb":"",
                   "presigned_data":{"url":"https://s/x?sig=1","headers":{"Content-Type":["application/octet-stream"],
                     "Content-Length":"123","Content-Disposition":"attachment; filename=\\"app.apk\\""}}}}
                """;
        UploadInstructions parsed = Json.MAPPER.readValue(body, UploadInstructions.class);
        assertThat(parsed.pendingUploadId()).isEqualTo("u-1");
        assertThat(parsed.primaryFile().chunkedUpload()).isFalse();
        assertThat(parsed.primaryFile().chunkedNumberParts()).isNull();
        assertThat(parsed.primaryFile().presignedData().headers())
                .containsEntry("Content-Type", "application/octet-stream")
                .containsEntry("Content-Length", "123");
        assertThat(parsed.expansionFiles()).isEmpty();
        assertThat(parsed.primaryFile().presignedData().toString()).doesNotContain("sig=1");
    }

    @Test
    void chunkedNumbersSentAsStringsAreRead() throws Exception {
        UploadInstructions parsed = Json.MAPPER.readValue("""
                {"pending_upload_id":"u","primary_file":{"filename":"a","chunked_upload":true,
                 "chunked_number_parts":"14","chunked_part_size_mb":50}}""", UploadInstructions.class);
        assertThat(parsed.primaryFile().chunkedNumberParts()).isEqualTo(14);
        assertThat(parsed.primaryFile().chunkedPartSizeMb()).isEqualTo(50);
    }

    @Test
    void aReleaseHasNoWebLinkUntilTheServerSendsOne() throws Exception {
        Release today = Json.MAPPER.readValue(
                "{\"id\":\"r1\",\"version\":\"2.3.0\",\"version_short\":\"2.3.0\",\"labels\":[],\"build_count\":2}",
                Release.class);
        assertThat(today.modalUrl()).isNull();
        assertThat(today.buildCount()).isEqualTo(2);
        for (String field : List.of("modal_url", "url", "web_url")) {
            Release later = Json.MAPPER.readValue("{\"id\":\"r1\",\"" + field + "\":\"https://app.example/r/1\"}",
                    Release.class);
            assertThat(later.modalUrl()).as(field).isEqualTo("https://app.example/r/1");
        }
    }
}
