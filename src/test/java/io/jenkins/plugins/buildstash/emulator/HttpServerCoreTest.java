package io.jenkins.plugins.buildstash.emulator;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.net.URI;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The HTTP/1.1 behaviour clients rely on, checked on the wire. */
class HttpServerCoreTest {

    private BuildstashEmulator emulator;
    private Seed seed;

    @BeforeEach
    void start() throws Exception {
        emulator = BuildstashEmulator.start();
        seed = emulator.seedDefaults();
    }

    @AfterEach
    void stop() {
        emulator.close();
    }

    private String get(String path) {
        return "GET " + path + " HTTP/1.1\r\nHost: 127.0.0.1\r\nAuthorization: Bearer " + seed.applicationKey()
                + "\r\n\r\n";
    }

    /** A presigned single-PUT target for {@code size} bytes: its path-and-query and signed headers. */
    private Map.Entry<String, Map<String, String>> presignedPut(int size) {
        JsonNode presigned = new TestHttp(emulator, seed.applicationKey())
                .post("/upload/request", TestHttp.uploadRequest("windows", "beta", "a.exe", size))
                .json().get("primary_file").get("presigned_data");
        URI url = URI.create(presigned.get("url").asText());
        return Map.entry(url.getRawPath() + "?" + url.getRawQuery(), TestHttp.headers(presigned));
    }

    private static String putHead(String target, Map<String, String> headers, String extra) {
        StringBuilder head = new StringBuilder("PUT " + target + " HTTP/1.1\r\nHost: 127.0.0.1\r\n");
        headers.forEach((name, value) -> head.append(name).append(": ").append(value).append("\r\n"));
        return head.append(extra).append("\r\n").toString();
    }

    @Test
    void oneConnectionCarriesSeveralRequests() throws Exception {
        try (RawHttp connection = new RawHttp(emulator.port())) {
            connection.send(get("/api/v1/workspace"));
            RawHttp.Answer first = connection.read();
            connection.send(get("/api/v1/applications"));
            RawHttp.Answer second = connection.read();

            assertThat(first.status()).isEqualTo(200);
            assertThat(first.header("Connection")).isNull();
            assertThat(second.status()).isEqualTo(200);
            assertThat(second.body()).contains(seed.applicationId());
        }
    }

    @Test
    void expectContinueIsAnsweredBeforeTheBodyIsSent() throws Exception {
        Map.Entry<String, Map<String, String>> put = presignedPut(5);
        try (RawHttp connection = new RawHttp(emulator.port())) {
            connection.send(putHead(put.getKey(), put.getValue(), "Expect: 100-continue\r\n"));
            RawHttp.Answer interim = connection.read();
            connection.send(new byte[] {1, 2, 3, 4, 5});
            RawHttp.Answer answer = connection.read();

            assertThat(interim.status()).isEqualTo(100);
            assertThat(answer.status()).isEqualTo(200);
            assertThat(answer.header("ETag")).isEqualTo('"' + TestBytes.md5(new byte[] {1, 2, 3, 4, 5}) + '"');
        }
    }

    @Test
    void refusedPutWithExpectContinueIsAnsweredWithoutAskingForTheBody() throws Exception {
        Map.Entry<String, Map<String, String>> put = presignedPut(5);
        String forged = put.getKey().replaceAll("X-Emu-Signature=[0-9a-f]+", "X-Emu-Signature=00");
        try (RawHttp connection = new RawHttp(emulator.port())) {
            connection.send(putHead(forged, put.getValue(), "Expect: 100-continue\r\n"));
            RawHttp.Answer answer = connection.read();

            assertThat(answer.status()).isEqualTo(403);
            assertThat(answer.header("Connection")).isEqualTo("close");
            assertThat(connection.closedByServer()).isTrue();
        }
    }

    @Test
    void chunkedPutIsRefusedAsS3RefusesIt() throws Exception {
        Map.Entry<String, Map<String, String>> put = presignedPut(5);
        Map<String, String> headers = new java.util.LinkedHashMap<>(put.getValue());
        headers.remove("Content-Length");
        try (RawHttp connection = new RawHttp(emulator.port())) {
            connection.send(putHead(put.getKey(), headers, "Transfer-Encoding: chunked\r\n") + "5\r\nhello\r\n0\r\n\r\n");
            RawHttp.Answer answer = connection.read();

            assertThat(answer.status()).isEqualTo(501);
            assertThat(answer.body()).contains("<Code>NotImplemented</Code>").contains("Transfer-Encoding");
            assertThat(connection.closedByServer()).isTrue();
        }
        assertThat(emulator.uploads().get(0).receivedParts()).isZero();
    }

    @Test
    void putWithoutContentLengthIsRefusedWithMissingContentLength() throws Exception {
        Map.Entry<String, Map<String, String>> put = presignedPut(5);
        Map<String, String> headers = new java.util.LinkedHashMap<>(put.getValue());
        headers.remove("Content-Length");
        try (RawHttp connection = new RawHttp(emulator.port())) {
            connection.send(putHead(put.getKey(), headers, ""));
            RawHttp.Answer answer = connection.read();

            assertThat(answer.status()).isEqualTo(411);
            assertThat(answer.body()).contains("<Code>MissingContentLength</Code>");
        }
    }

    @Test
    void malformedRequestIsABadRequest() throws Exception {
        try (RawHttp connection = new RawHttp(emulator.port())) {
            connection.send("NONSENSE\r\n\r\n");

            assertThat(connection.read().status()).isEqualTo(400);
        }
    }

    @Test
    void unknownPathIsNotFoundAndWrongMethodIsNotAllowed() throws Exception {
        try (RawHttp connection = new RawHttp(emulator.port())) {
            connection.send(get("/api/v1/nothing-here"));
            RawHttp.Answer missing = connection.read();
            connection.send("DELETE /api/v1/workspace HTTP/1.1\r\nHost: x\r\n\r\n");
            RawHttp.Answer wrongMethod = connection.read();

            assertThat(missing.status()).isEqualTo(404);
            assertThat(wrongMethod.status()).isEqualTo(405);
        }
    }

    @Test
    void closeStopsEveryServerThread() throws Exception {
        try (RawHttp connection = new RawHttp(emulator.port())) {
            connection.send(get("/api/v1/workspace"));
            connection.read();

            emulator.close();

            assertThat(Thread.getAllStackTraces().keySet())
                    .noneMatch(thread -> thread.getName().startsWith("buildstash-emulator") && thread.isAlive());
            assertThat(connection.closedByServer()).isTrue();
        }
    }
}
