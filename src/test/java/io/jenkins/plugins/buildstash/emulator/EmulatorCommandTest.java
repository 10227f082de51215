package io.jenkins.plugins.buildstash.emulator;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The documented command, in a JVM of its own as benchmarks start it, driven by the real curl binary through the
 * brief's single-part recipe (§5.3): request, {@code curl -X PUT --upload-file}, verify, download, byte for byte.
 */
class EmulatorCommandTest {

    private static Process emulator;
    private static Map<String, String> printed;

    @TempDir
    static Path files;

    @BeforeAll
    static void startTheCommand() throws Exception {
        Assumptions.assumeTrue(curlAvailable(), "curl is not on the PATH: the brief's curl recipe needs the real binary");
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        emulator = new ProcessBuilder(java, "-cp", System.getProperty("java.class.path"),
                EmulatorMain.class.getName(), "--port", "0", "--etag", "md5")
                .redirectErrorStream(true)
                .start();
        printed = CompletableFuture.supplyAsync(EmulatorCommandTest::readAssignments).get(60, TimeUnit.SECONDS);
    }

    @AfterAll
    static void stopTheCommand() throws Exception {
        if (emulator != null) {
            emulator.destroy();
            assertThat(emulator.waitFor(20, TimeUnit.SECONDS)).as("the emulator stops on SIGTERM").isTrue();
        }
    }

    /** Reads the NAME=value lines up to the application key, the last one printed. */
    private static Map<String, String> readAssignments() {
        Map<String, String> values = new HashMap<>();
        try {
            BufferedReader out = new BufferedReader(new InputStreamReader(emulator.getInputStream(),
                    StandardCharsets.UTF_8));
            for (String line = out.readLine(); line != null; line = out.readLine()) {
                int eq = line.indexOf('=');
                if (!line.startsWith("#") && eq > 0) {
                    values.put(line.substring(0, eq), line.substring(eq + 1));
                }
                if (line.startsWith("BUILDSTASH_APPLICATION_KEY=")) {
                    return values;
                }
            }
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
        throw new IllegalStateException("the emulator exited before printing its keys: " + values.keySet());
    }

    private static boolean curlAvailable() {
        try {
            return new ProcessBuilder("curl", "--version").redirectErrorStream(true).start().waitFor() == 0;
        } catch (IOException | InterruptedException e) {
            return false;
        }
    }

    private static String curl(String... arguments) throws Exception {
        List<String> command = new ArrayList<>(List.of("curl", "--silent", "--show-error", "--fail-with-body"));
        command.addAll(List.of(arguments));
        Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
        String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(process.waitFor(30, TimeUnit.SECONDS)).isTrue();
        assertThat(process.exitValue()).as("curl " + String.join(" ", arguments) + " -> " + output).isZero();
        return output;
    }

    private static JsonNode api(String method, String path, String body) throws Exception {
        List<String> arguments = new ArrayList<>(List.of("-X", method, printed.get("BUILDSTASH_BASE_URL") + path,
                "-H", "Authorization: Bearer " + printed.get("BUILDSTASH_APPLICATION_KEY"),
                "-H", "Accept: application/json"));
        if (body != null) {
            arguments.addAll(List.of("-H", "Content-Type: application/json", "--data", body));
        }
        return Json.parse(curl(arguments.toArray(String[]::new)).getBytes(StandardCharsets.UTF_8));
    }

    @Test
    void commandPrintsTheBaseUrlTheSeededApplicationAndOneKeyOfEachKind() {
        assertThat(printed.get("BUILDSTASH_BASE_URL")).matches("http://127\\.0\\.0\\.1:\\d+/api/v1");
        assertThat(printed.get("BUILDSTASH_APPLICATION_NAME")).isEqualTo("'Space Game'");
        assertThat(printed.get("BUILDSTASH_STREAMS")).isEqualTo("production,beta,nightly");
        assertThat(printed.get("BUILDSTASH_WORKSPACE_KEY")).startsWith("bse_");
        assertThat(printed.get("BUILDSTASH_APPLICATION_KEY")).startsWith("bse_")
                .isNotEqualTo(printed.get("BUILDSTASH_WORKSPACE_KEY"));
    }

    @Test
    void briefsSinglePartCurlRecipeUploadsAFileThatDownloadsByteIdentical() throws Exception {
        byte[] content = TestBytes.random(300_000, 11);
        Path file = Files.write(files.resolve("game.apk"), content);
        JsonNode requested = api("POST", "/upload/request",
                TestHttp.uploadRequest("android", "beta", "game.apk", content.length).toString());
        JsonNode presigned = requested.get("primary_file").get("presigned_data");
        JsonNode headers = presigned.get("headers");

        String status = curl("-X", "PUT", "--upload-file", file.toString(),
                "-H", "Content-Type: " + headers.get("Content-Type").asText(),
                "-H", "Content-Disposition: " + headers.get("Content-Disposition").asText(),
                "-H", "x-amz-acl: private",
                "--output", "/dev/null", "--write-out", "%{http_code}",
                presigned.get("url").asText());
        JsonNode verified = api("POST", "/upload/verify",
                Json.object().put("pending_upload_id", requested.get("pending_upload_id").asText()).toString());
        String buildId = verified.get("build_id").asText();
        JsonNode download = api("GET", "/applications/" + printed.get("BUILDSTASH_APPLICATION_ID") + "/builds/"
                + buildId + "/download", null);
        Path back = files.resolve("downloaded.apk");
        curl("--output", back.toString(), download.get("primary_file").get("temp_url").asText());

        assertThat(status).isEqualTo("200");
        assertThat(download.get("primary_file").get("size_bytes").asLong()).isEqualTo(content.length);
        assertThat(Files.readAllBytes(back)).isEqualTo(content);
    }
}
