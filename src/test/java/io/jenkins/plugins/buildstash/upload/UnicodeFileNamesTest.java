package io.jenkins.plugins.buildstash.upload;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import com.fasterxml.jackson.databind.JsonNode;
import io.jenkins.plugins.buildstash.api.BuildstashException;
import io.jenkins.plugins.buildstash.api.Json;
import io.jenkins.plugins.buildstash.emulator.EmulatorOptions;
import io.jenkins.plugins.buildstash.emulator.Fault;
import io.jenkins.plugins.buildstash.emulator.StoredBuild;
import io.jenkins.plugins.buildstash.emulator.StoredFile;
import io.jenkins.plugins.buildstash.testing.ApiFixture;
import io.jenkins.plugins.buildstash.testing.Files2;
import io.jenkins.plugins.buildstash.testing.SecretLedger;
import java.io.ByteArrayOutputStream;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * File names as people write them, through the real key side and file side against the emulator, whose storage checks
 * the signed headers byte for byte: Buildstash puts the name into the signed {@code Content-Disposition}.
 */
class UnicodeFileNamesTest {

    /** One name per class of text the JDK client mangles or refuses, plus quotes and spaces. */
    static List<String> names() {
        return List.of(
                "jeu-été.apk",                      // Latin-1 range: the JDK writes '?'
                "游戏.apk",                          // CJK: the JDK refuses ("invalid header value")
                "rocket🚀.apk",                     // outside the BMP: a surrogate pair in Java
                "cafe\u0301.apk",                   // a combining mark, not normalised away
                "لعبة.apk",                         // right-to-left
                "my game \"final\" it's.apk",       // spaces and both quotes
                "Ωmega ü 한국어 — build.apk");       // a mix, with a dash and spaces
    }

    @TempDir
    Path dir;

    private ApiFixture api;
    private final List<String> log = new CopyOnWriteArrayList<>();

    @BeforeEach
    void start() throws Exception {
        api = ApiFixture.start(EmulatorOptions.defaults().withMultipartThresholdBytes(3 << 20).withPartSizeMb(1));
    }

    @AfterEach
    void stop() {
        api.close();
    }

    private Uploader uploader() {
        return api.uploader("unicode names", log);
    }

    private static UploadOptions.Builder android() {
        return UploadOptions.builder().platform("android").stream("beta").version(1, 0, 0);
    }

    @ParameterizedTest
    @MethodSource("names")
    void aPrimaryFileWithThisNameUploadsUnderItsNameByteIdentical(String name) throws Exception {
        Path file = Files2.random(dir, name, 70_000, 3);

        UploadResult result = uploader().upload(new UploadSpec(LocalFile.of(file), null, List.of(), android().build(), null));

        StoredFile stored = api.emulator.storedBuild(result.buildId()).orElseThrow().primary();
        assertThat(stored.filename()).isEqualTo(name);
        assertThat(stored.sha256()).isEqualTo(Files2.sha256(file));
        assertThat(api.emulator.pendingUploads()).isEmpty();
    }

    /** Sizes around the byte-exact PUT's read chunk, which it writes whole: every boundary arrives byte-identical. */
    @ParameterizedTest
    @ValueSource(ints = {1, FileRangePublisher.CHUNK_SIZE - 1, FileRangePublisher.CHUNK_SIZE,
            FileRangePublisher.CHUNK_SIZE + 1, 3 * FileRangePublisher.CHUNK_SIZE + 5})
    void aSinglePartWithAUnicodeNameArrivesWholeAtEveryChunkBoundary(int size) throws Exception {
        Path file = Files2.random(dir, "jeu-été-" + size + ".apk", size, size);

        UploadResult result = uploader().upload(new UploadSpec(LocalFile.of(file), null, List.of(), android().build(), null));

        StoredFile stored = api.emulator.storedBuild(result.buildId()).orElseThrow().primary();
        assertThat(stored.sizeBytes()).isEqualTo(size);
        assertThat(stored.sha256()).isEqualTo(Files2.sha256(file));
    }

    @Test
    void aUnicodeExpansionFileAndMetadataArtifactAreAttachedUnderTheirNames() throws Exception {
        Path apk = Files2.random(dir, "jeu-été.apk", 50_000, 4);
        Path obb = Files2.random(dir, "main.1.游戏🚀.obb", 60_000, 5);
        Path report = Files.writeString(dir.resolve("测试报告.xml"), "<testsuite name=\"é\"/>");

        UploadResult result = uploader().upload(new UploadSpec(LocalFile.of(apk), LocalFile.of(obb),
                List.of(new MetadataFile(LocalFile.of(report), "Rapport d'essai — 测试")), android().build(), null));

        StoredBuild build = api.emulator.storedBuild(result.buildId()).orElseThrow();
        assertThat(build.primary().filename()).isEqualTo("jeu-été.apk");
        assertThat(build.expansions()).singleElement().satisfies(f -> {
            assertThat(f.filename()).isEqualTo("main.1.游戏🚀.obb");
            assertThat(f.sha256()).isEqualTo(Files2.sha256(obb));
        });
        assertThat(build.metadataArtifacts()).singleElement().satisfies(f -> {
            assertThat(f.filename()).isEqualTo("测试报告.xml");
            assertThat(f.sha256()).isEqualTo(Files2.sha256(report));
        });
        assertThat(result.metadataFailures()).isEmpty();
    }

    @Test
    void aMultipartFileWithAUnicodeNameUploadsItsPartsAndIsAssembledUnderItsName() throws Exception {
        Path file = Files2.random(dir, "大きなゲーム🎮.apk", (4 << 20) + 17, 6);

        UploadResult result = uploader().upload(new UploadSpec(LocalFile.of(file), null, List.of(), android().build(), null));

        StoredFile stored = api.emulator.storedBuild(result.buildId()).orElseThrow().primary();
        assertThat(stored.filename()).isEqualTo("大きなゲーム🎮.apk");
        assertThat(stored.sha256()).isEqualTo(Files2.sha256(file));
        assertThat(api.emulator.requestCount("storageUploadPart")).isEqualTo(5);
    }

    @Test
    void aNameWhoseSignedHeaderCannotTravelIsRefusedBeforeAnyByteAndItsPendingUploadIsAborted() throws Exception {
        // Linux allows a line break in a file name; the Content-Disposition Buildstash signs for it cannot be sent.
        Path file = Files2.random(dir, "two\nlines.apk", 1000, 7);

        BuildstashException e = catchThrowableOfType(BuildstashException.class,
                () -> uploader().upload(new UploadSpec(LocalFile.of(file), null, List.of(), android().build(), null)));

        assertThat(e.getMessage()).isEqualTo("Buildstash returned a Content-Disposition header for two\nlines.apk that"
                + " cannot be sent as storage signed it (its value holds a line break), so nothing was sent and the"
                + " upload was stopped. Rename the file to plainer characters, and tell Buildstash about the header it"
                + " returned");
        assertThat(api.emulator.requestCount("storagePutObject")).isZero();
        assertThat(api.emulator.abortedUploadIds()).hasSize(1);
        assertThat(api.emulator.pendingUploads()).isEmpty();
    }

    @Test
    void anInterruptDuringAByteExactPutEndsItAbortsTheUploadAndLeavesNoThread() throws Exception {
        // The body crawls at 4 Mbit/s, so the PUT is certainly in flight when the upload is interrupted.
        api.emulator.faults().on("storagePutObject").once().inject(Fault.throttleBody(4_000_000));
        Path file = Files2.random(dir, "jeu-été.apk", 2 << 20, 8);

        // Socket writes do not heed interrupts: the watchdog closes the socket within its one-second tick.
        Throwable thrown = Interrupted.during(() -> uploader().upload(new UploadSpec(LocalFile.of(file), null, List.of(),
                android().build(), null)), () -> api.emulator.requestCount("requestUpload") >= 1);

        assertThat(thrown).isInstanceOf(InterruptedException.class);
        assertThat(api.emulator.abortedUploadIds()).hasSize(1);
        assertThat(api.emulator.storedBuilds()).noneMatch(b -> b.primary().filename().equals("jeu-été.apk"));
        assertThat(Threads.named("buildstash-watchdog-")).isEmpty();
        assertThat(Threads.named("buildstash-part-")).isEmpty();
    }

    @Test
    void aByteExactPutWhoseAnswerStallsIsCancelledAndSentAgain() throws Exception {
        api.emulator.faults().on("storagePutObject").once().inject(Fault.delayHeaders(java.time.Duration.ofSeconds(4)));
        Path file = Files2.random(dir, "游戏.apk", 10_000, 9);

        UploadResult result = uploader().upload(new UploadSpec(LocalFile.of(file), null, List.of(), android().build(),
                TransferSettings.defaults().withStallTimeout(java.time.Duration.ofSeconds(1))));

        assertThat(api.emulator.storedBuild(result.buildId()).orElseThrow().primary().sha256())
                .isEqualTo(Files2.sha256(file));
        assertThat(log).anyMatch(l -> l.startsWith("Retrying PUT 游戏.apk") && l.contains("Storage made no progress on"
                + " 游戏.apk for 1 s"));
    }

    /** The class of defect the emulator must not hide: what the JDK client sends for a signed non-ASCII value. */
    @Test
    void theEmulatorRefusesTheBytesTheJdkClientWritesForANonAsciiSignedHeader() throws Exception {
        JsonNode presigned = presignedPut("jeu-été.apk", 5);
        String url = presigned.path("url").asText();
        String disposition = presigned.path("headers").path("Content-Disposition").asText();
        assertThat(disposition).isEqualTo("attachment; filename=\"jeu-été.apk\"");
        // The one workaround the JDK seems to allow: the UTF-8 bytes as ISO-8859-1 chars. JDK 17 writes them as '?'.
        String asLatin1 = new String(disposition.getBytes(StandardCharsets.UTF_8), StandardCharsets.ISO_8859_1);

        HttpResponse<String> response = HttpClient.newHttpClient().send(HttpRequest.newBuilder(URI.create(url))
                        .header("Content-Type", presigned.path("headers").path("Content-Type").asText())
                        .header("Content-Disposition", asLatin1)
                        .PUT(HttpRequest.BodyPublishers.ofString("12345")).build(),
                HttpResponse.BodyHandlers.ofString());

        assertThat(response.statusCode()).isEqualTo(403);
        assertThat(response.body()).contains("<Code>SignatureDoesNotMatch</Code>");
    }

    @Test
    void theByteExactPutWritesTheUtf8BytesOfEachHeaderValueOnTheWire() throws Exception {
        Path file = Files.writeString(dir.resolve("body.bin"), "hello");
        try (ServerSocket server = new ServerSocket(0, 1, java.net.InetAddress.getLoopbackAddress())) {
            CompletableFuture<byte[]> head = CompletableFuture.supplyAsync(() -> {
                try (Socket s = server.accept()) {
                    InputStream in = s.getInputStream();
                    ByteArrayOutputStream bytes = new ByteArrayOutputStream();
                    while (!bytes.toString(StandardCharsets.ISO_8859_1).endsWith("\r\n\r\n")) {
                        bytes.write(in.read());
                    }
                    in.readNBytes(5);
                    OutputStream out = s.getOutputStream();
                    out.write("HTTP/1.1 200 OK\r\nETag: \"e1\"\r\nContent-Length: 0\r\n\r\n".getBytes(StandardCharsets.US_ASCII));
                    return bytes.toByteArray();
                } catch (Exception e) {
                    throw new IllegalStateException(e);
                }
            });
            String value = "attachment; filename=\"游戏 été🚀.apk\"";

            ByteExactPut.Answer answer = new ByteExactPut(null, java.time.Duration.ofSeconds(5)).put(
                    URI.create("http://127.0.0.1:" + server.getLocalPort() + "/storage/put/x?sig=1"),
                    Map.of("Content-Disposition", value), file, 0, 5, s -> {}, n -> {});

            byte[] sent = head.get(10, TimeUnit.SECONDS);
            byte[] expected = ("Content-Disposition: " + value + "\r\n").getBytes(StandardCharsets.UTF_8);
            assertThat(indexOf(sent, expected)).as(new String(sent, StandardCharsets.ISO_8859_1)).isPositive();
            assertThat(new String(sent, StandardCharsets.US_ASCII)).startsWith("PUT /storage/put/x?sig=1 HTTP/1.1\r\n")
                    .contains("\r\nContent-Length: 5\r\n");
            assertThat(answer.status()).isEqualTo(200);
            assertThat(answer.headers().firstValue("ETag")).contains("\"e1\"");
        }
    }

    private static int indexOf(byte[] haystack, byte[] needle) {
        outer:
        for (int i = 0; i <= haystack.length - needle.length; i++) {
            for (int j = 0; j < needle.length; j++) {
                if (haystack[i + j] != needle[j]) {
                    continue outer;
                }
            }
            return i;
        }
        return -1;
    }

    private JsonNode presignedPut(String name, long size) throws Exception {
        String body = Json.MAPPER.writeValueAsString(Map.of(
                "structure", "file", "platform", "android", "stream", "beta", "source", "jenkins",
                "version_component_1_major", 1, "version_component_2_minor", 0, "version_component_3_patch", 0,
                "primary_file", Map.of("filename", name, "size_bytes", size)));
        HttpResponse<String> answer = HttpClient.newHttpClient().send(HttpRequest.newBuilder(
                        URI.create(api.emulator.apiBaseUrl() + "/upload/request"))
                        .header("Authorization", "Bearer " + api.seed.applicationKey())
                        .header("Content-Type", "application/json")
                        .POST(HttpRequest.BodyPublishers.ofString(body)).build(),
                HttpResponse.BodyHandlers.ofString());
        assertThat(answer.statusCode()).as(answer.body()).isEqualTo(200);
        return Json.MAPPER.readTree(answer.body()).path("primary_file").path("presigned_data");
    }
}
