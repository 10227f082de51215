package io.jenkins.plugins.buildstash.emulator;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.jenkins.plugins.buildstash.emulator.TestHttp.Reply;
import java.util.function.Consumer;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/** The rules of brief §5.2, one broken field at a time: 422 naming exactly that field. */
class UploadRequestValidationTest {

    private static BuildstashEmulator emulator;
    private static TestHttp http;

    @BeforeAll
    static void start() throws Exception {
        emulator = BuildstashEmulator.start();
        Seed seed = emulator.seedDefaults();
        emulator.addCustomTarget(seed.applicationId(), "Meta Store", "android");
        http = new TestHttp(emulator, seed.applicationKey());
    }

    @AfterAll
    static void stop() {
        emulator.close();
    }

    private static ObjectNode valid() {
        return TestHttp.uploadRequest("android", "beta", "app.apk", 100);
    }

    private static Arguments breaking(String field, String expectedMessage, Consumer<ObjectNode> change) {
        return Arguments.of(field, expectedMessage, change);
    }

    private static ArrayNode array(ObjectNode body, String field, int size, String value) {
        ArrayNode array = body.putArray(field);
        for (int i = 0; i < size; i++) {
            array.add(value + (value.equals("x64") ? "" : i));
        }
        return array;
    }

    static Stream<Arguments> brokenRequests() {
        return Stream.of(
                breaking("stream", "The stream field is required.", b -> b.remove("stream")),
                breaking("stream", "The stream field must not be greater than 12 characters.",
                        b -> b.put("stream", "production-13")),
                breaking("stream", "The stream field format is invalid.", b -> b.put("stream", "beta builds")),
                breaking("stream", "The selected stream is invalid: no stream named 'staging' exists in this"
                        + " application.", b -> b.put("stream", "staging")),
                breaking("platform", "The selected platform is invalid.", b -> b.put("platform", "harmonyos")),
                breaking("source", "The selected source is invalid.", b -> b.put("source", "octopus-deploy")),
                breaking("structure", "The selected structure is invalid.", b -> b.put("structure", "folder")),
                breaking("version_component_1_major", "The version_component_1_major field must be between 0 and 9999.",
                        b -> b.put("version_component_1_major", 10000)),
                breaking("version_component_3_patch", "The version_component_3_patch field must be an integer.",
                        b -> b.put("version_component_3_patch", 1.5)),
                breaking("version_component_2_minor", "The version_component_2_minor field is required.",
                        b -> b.remove("version_component_2_minor")),
                breaking("version_component_1_major", "At least one of version_component_1_major,"
                        + " version_component_2_minor and version_component_3_patch must be greater than 0.",
                        b -> b.put("version_component_1_major", 0).put("version_component_2_minor", 0)
                                .put("version_component_3_patch", 0)),
                breaking("version_component_extra", "The version_component_extra field format is invalid.",
                        b -> b.put("version_component_extra", "beta..1")),
                breaking("version_component_meta", "The version_component_meta field must not be greater than 64"
                        + " characters.", b -> b.put("version_component_meta", "m".repeat(65))),
                breaking("custom_build_number", "The custom_build_number field format is invalid.",
                        b -> b.put("custom_build_number", "4 2")),
                breaking("labels", "The labels field must not have more than 10 items.",
                        b -> array(b, "labels", 11, "label")),
                breaking("architectures", "The architectures field must not have more than 15 items.",
                        b -> array(b, "architectures", 16, "x64")),
                breaking("architectures.0", "The selected architectures.0 is invalid.",
                        b -> b.putArray("architectures").add("armv7-m")),
                breaking("architectures.0", "The architecture u2b is not supported on platform android.",
                        b -> b.putArray("architectures").add("u2b")),
                breaking("notes", "The notes field must not be greater than 1000 characters.",
                        b -> b.put("notes", "n".repeat(1001))),
                breaking("custom_target", "The selected custom_target is invalid.",
                        b -> b.put("custom_target", "Play Store")),
                breaking("primary_file", "The primary_file field is required.", b -> b.remove("primary_file")),
                breaking("primary_file.filename", "The primary_file.filename field format is invalid.",
                        b -> ((ObjectNode) b.get("primary_file")).put("filename", "dist/app.apk")),
                breaking("primary_file.size_bytes", "The primary_file.size_bytes field must be between 1 and"
                        + " 500000000000.", b -> ((ObjectNode) b.get("primary_file")).put("size_bytes", 0)),
                breaking("expansion_files", "The expansion_files field is required when structure is"
                        + " file+expansion.", b -> b.put("structure", "file+expansion")),
                breaking("expansion_files", "The expansion_files field is prohibited unless structure is"
                        + " file+expansion.", b -> b.putArray("expansion_files").addObject()
                        .put("filename", "main.obb").put("size_bytes", 1)),
                breaking("expansion_files.0.filename", "An expansion file must be an .obb beside an .apk primary file on"
                        + " platform android.", b -> {
                            b.put("platform", "ios").put("structure", "file+expansion");
                            ((ObjectNode) b.get("primary_file")).put("filename", "Game.ipa");
                            b.putArray("expansion_files").addObject().put("filename", "main.obb").put("size_bytes", 1);
                        }),
                breaking("notes", "The notes field must not be greater than 1000 characters.",
                        b -> b.put("notes", "🚀".repeat(1001))),
                breaking("vc_host", "The selected vc_host is invalid.", b -> b.put("vc_host", "bitbucket-cloud")),
                breaking("vc_commit_sha", "The vc_commit_sha field must not be greater than 40 characters.",
                        b -> b.put("vc_commit_sha", "a".repeat(64))),
                breaking("ci_pipeline", "The ci_pipeline field must not be greater than 100 characters.",
                        b -> b.put("ci_pipeline", "p".repeat(101))));
    }

    @ParameterizedTest(name = "{0}: {1}")
    @MethodSource("brokenRequests")
    void brokenFieldIsAValidationErrorOnThatFieldAlone(String field, String message, Consumer<ObjectNode> change) {
        ObjectNode body = valid();
        change.accept(body);

        Reply reply = http.post("/upload/request", body);

        assertThat(reply.status()).isEqualTo(422);
        assertThat(reply.json().get("message").asText()).isEqualTo(message);
        assertThat(reply.json().get("errors").fieldNames()).toIterable().containsExactly(field);
        assertThat(reply.json().get("errors").get(field)).singleElement()
                .satisfies(error -> assertThat(error.asText()).isEqualTo(message));
    }

    @Test
    void severalBrokenFieldsAreReportedTogetherAndCountedInTheMessage() {
        ObjectNode body = valid().put("platform", "amiga").put("notes", "n".repeat(1001));
        body.remove("source");

        Reply reply = http.post("/upload/request", body);

        assertThat(reply.json().get("errors").fieldNames()).toIterable()
                .containsExactlyInAnyOrder("platform", "source", "notes");
        assertThat(reply.json().get("message").asText()).endsWith("(and 2 more errors)");
    }

    @Test
    void requestAtEveryLimitIsAccepted() {
        ObjectNode body = valid()
                .put("stream", "beta")
                .put("version_component_1_major", "9999")
                .put("version_component_2_minor", 0)
                .put("version_component_3_patch", 0)
                .put("version_component_extra", "rc.1")
                .put("version_component_meta", "")
                // Characters, not UTF-16 units: 1000 emoji are 2000 units.
                .put("notes", "🚀".repeat(1000))
                .put("custom_target", "Meta Store")
                .put("vc_commit_sha", "a".repeat(40));
        array(body, "labels", 10, "label");
        array(body, "architectures", 15, "x64");
        ((ObjectNode) body.get("primary_file")).put("size_bytes", 500_000_000_000L);

        Reply reply = http.post("/upload/request", body);

        assertThat(reply.status()).as(reply.text()).isEqualTo(200);
        assertThat(reply.json().get("primary_file").get("chunked_upload").asBoolean()).isTrue();
    }

    @Test
    void bodyThatIsNotAJsonObjectIsABadRequest() {
        assertThat(http.post("/upload/request", "[1,2]", "application/json").status()).isEqualTo(400);
        assertThat(http.post("/upload/request", "{\"structure\":", "application/json").json().get("message").asText())
                .isEqualTo("The request body is not valid JSON.");
    }
}
