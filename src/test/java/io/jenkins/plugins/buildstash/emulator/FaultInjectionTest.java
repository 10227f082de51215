package io.jenkins.plugins.buildstash.emulator;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import io.jenkins.plugins.buildstash.emulator.TestHttp.Reply;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpRequest;
import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Each named fault, scripted on one route, seen by a plain HTTP client. */
class FaultInjectionTest {

    private static final int MIB = 1024 * 1024;

    private final MutableClock clock = new MutableClock(Instant.parse("2026-11-29T10:00:00Z"));
    private BuildstashEmulator emulator;
    private Seed seed;
    private TestHttp http;

    @BeforeEach
    void start() throws Exception {
        emulator = BuildstashEmulator.start(EmulatorOptions.defaults().withClock(clock)
                .withMultipartThresholdBytes(MIB).withPartSizeMb(1));
        seed = emulator.seedDefaults();
        http = new TestHttp(emulator, seed.applicationKey());
    }

    @AfterEach
    void stop() {
        emulator.close();
    }

    private JsonNode singlePartUpload(int size) {
        return http.post("/upload/request", TestHttp.uploadRequest("windows", "beta", "a.exe", size)).json();
    }

    @Test
    void nextCallsFailWithTheScriptedStatusThenTheRouteAnswersAgain() {
        FaultRule rule = emulator.faults().on("getWorkspace").times(2)
                .inject(Fault.status(503).withRetryAfter(RetryAfter.seconds(1)));

        Reply first = http.get("/workspace");
        Reply second = http.get("/workspace");
        Reply third = http.get("/workspace");

        assertThat(first.status()).isEqualTo(503);
        assertThat(first.header("Retry-After")).isEqualTo("1");
        assertThat(first.json().get("message").asText()).isEqualTo("Service Unavailable");
        assertThat(second.status()).isEqualTo(503);
        assertThat(third.status()).isEqualTo(200);
        assertThat(rule.fired()).isEqualTo(2);
        assertThat(rule.remaining()).isZero();
    }

    @Test
    void faultsApplyOnlyToTheirRoute() {
        emulator.faults().on("verifyUpload").once().inject(Fault.status(500));

        assertThat(http.get("/workspace").status()).isEqualTo(200);
        assertThat(http.post("/upload/verify", Json.object().put("pending_upload_id",
                "00000000-0000-4000-8000-000000000000")).status()).isEqualTo(500);
    }

    @Test
    void retryAfterCanBeAnHttpDateAPastDateOrGarbage() {
        emulator.faults().on("getWorkspace").once()
                .inject(Fault.status(429).withRetryAfter(RetryAfter.httpDate(Duration.ofSeconds(2))));
        emulator.faults().on("getWorkspace").once()
                .inject(Fault.status(429).withRetryAfter(RetryAfter.httpDate(Duration.ofSeconds(-30))));
        emulator.faults().on("getWorkspace").once().inject(Fault.status(429).withRetryAfter(RetryAfter.raw("soon")));

        assertThat(http.get("/workspace").header("Retry-After")).isEqualTo("Sun, 29 Nov 2026 10:00:02 GMT");
        assertThat(http.get("/workspace").header("Retry-After")).isEqualTo("Sun, 29 Nov 2026 09:59:30 GMT");
        assertThat(http.get("/workspace").header("Retry-After")).isEqualTo("soon");
    }

    @Test
    void statusFaultCanCarryItsOwnBody() {
        emulator.faults().on("getWorkspace").once()
                .inject(Fault.status(502).withBody("text/html", "<html>Bad gateway</html>"));

        Reply reply = http.get("/workspace");

        assertThat(reply.status()).isEqualTo(502);
        assertThat(reply.header("Content-Type")).isEqualTo("text/html");
        assertThat(reply.text()).isEqualTo("<html>Bad gateway</html>");
    }

    @Test
    void aStormEndsWhenTheEmulatorClockReachesItsEnd() {
        FaultRule storm = emulator.faults().on("getWorkspace").always().until(clock.instant().plusSeconds(30))
                .inject(Fault.status(429).withRetryAfter(RetryAfter.seconds(10)));

        Reply atStart = http.get("/workspace");
        clock.advance(Duration.ofSeconds(29));
        Reply justBefore = http.get("/workspace");
        clock.advance(Duration.ofSeconds(1));
        Reply atTheEnd = http.get("/workspace");

        assertThat(atStart.status()).isEqualTo(429);
        assertThat(atStart.header("Retry-After")).isEqualTo("10");
        assertThat(justBefore.status()).isEqualTo(429);
        assertThat(atTheEnd.status()).isEqualTo(200);
        assertThat(storm.fired()).isEqualTo(2);
        assertThat(storm.until()).isEqualTo(Instant.parse("2026-11-29T10:00:30Z"));
    }

    @Test
    void storageStatusFaultAnswersInS3Xml() {
        emulator.faults().on("storagePutObject").once().inject(Fault.status(503));
        JsonNode presigned = singlePartUpload(4).get("primary_file").get("presigned_data");

        Reply reply = http.put(presigned.get("url").asText(), new byte[4], TestHttp.headers(presigned));

        assertThat(reply.status()).isEqualTo(503);
        assertThat(reply.text()).contains("<Code>SlowDown</Code>");
        assertThat(emulator.uploads().get(0).receivedParts()).isZero();
    }

    @Test
    void delayedHeadersArriveNoSoonerThanScripted() {
        emulator.faults().on("getWorkspace").once().inject(Fault.delayHeaders(Duration.ofMillis(300)));

        long started = System.nanoTime();
        Reply reply = http.get("/workspace");
        Duration took = Duration.ofNanos(System.nanoTime() - started);

        assertThat(reply.status()).isEqualTo(200);
        assertThat(took).isGreaterThanOrEqualTo(Duration.ofMillis(300));
    }

    @Test
    void resetMidBodyBreaksThePutAndKeepsNothingThenARetrySucceeds() throws Exception {
        emulator.faults().on("storagePutObject").once().inject(Fault.resetAfterBodyBytes(64 * 1024));
        byte[] content = TestBytes.random(MIB, 5);
        JsonNode presigned = singlePartUpload(MIB).get("primary_file").get("presigned_data");
        HttpRequest put = HttpRequest.newBuilder(URI.create(presigned.get("url").asText()))
                .header("Content-Type", "application/octet-stream")
                .header("Content-Disposition", "attachment; filename=\"a.exe\"")
                .PUT(HttpRequest.BodyPublishers.ofByteArray(content))
                .build();

        assertThatThrownBy(() -> http.sendRaw(put)).isInstanceOf(IOException.class);
        assertThat(emulator.requestLog()).last().satisfies(entry -> {
            assertThat(entry.route()).isEqualTo("storagePutObject");
            assertThat(entry.status()).as("reset, no answer").isZero();
        });
        assertThat(emulator.uploads().get(0).receivedParts()).isZero();

        assertThat(http.sendRaw(put).statusCode()).isEqualTo(200);
    }

    @Test
    void resetAfterTheWholeBodyLeavesThePostDoneButUnanswered() {
        emulator.faults().on("requestUpload").once().inject(Fault.resetAfterBodyBytes(Long.MAX_VALUE));

        assertThatThrownBy(() -> singlePartUpload(5)).hasCauseInstanceOf(IOException.class);

        assertThat(emulator.pendingUploads()).as("the server did create the upload").hasSize(1);
    }

    @Test
    void resetDuringOnePartLeavesTheOtherPartsAlone() {
        emulator.faults().on("storageUploadPart").part(2).once().inject(Fault.resetAfterBodyBytes(1000));
        byte[] content = TestBytes.random(2 * MIB + 1, 6);
        JsonNode requested = http.post("/upload/request",
                TestHttp.uploadRequest("windows", "beta", "a.zip", content.length)).json();
        String id = requested.get("pending_upload_id").asText();

        assertThatThrownBy(() -> http.uploadParts("/upload/request/multipart", id, requested.get("primary_file"),
                content)).hasCauseInstanceOf(IOException.class);
        assertThat(emulator.uploads().get(0).receivedParts()).isEqualTo(1);

        var chunks = http.uploadParts("/upload/request/multipart", id, requested.get("primary_file"), content);
        var verify = Json.object().put("pending_upload_id", id);
        verify.putArray("multipart_chunks").addAll(chunks);
        assertThat(http.post("/upload/verify", verify).status()).isEqualTo(200);
        assertThat(emulator.storedBuilds().get(0).primary().sha256()).isEqualTo(TestBytes.sha256(content));
    }

    @Test
    void expiredUrlFaultHitsOnlyTheScriptedPart() {
        emulator.faults().on("storageUploadPart").part(2).once().inject(Fault.expiredUrl());
        JsonNode requested = http.post("/upload/request",
                TestHttp.uploadRequest("windows", "beta", "a.zip", 2 * MIB)).json();
        String id = requested.get("pending_upload_id").asText();
        String[] urls = new String[3];
        for (int part = 1; part <= 2; part++) {
            urls[part] = http.post("/upload/request/multipart", Json.object().put("pending_upload_id", id)
                    .put("part_number", part).put("content_length", MIB)).json().get("part_presigned_url").asText();
        }

        Reply first = http.putPart(urls[1], new byte[MIB]);
        Reply second = http.putPart(urls[2], new byte[MIB]);
        Reply retried = http.putPart(urls[2], new byte[MIB]);

        assertThat(first.status()).isEqualTo(200);
        assertThat(second.status()).isEqualTo(403);
        assertThat(second.text()).contains("<Code>AccessDenied</Code>").contains("Request has expired");
        assertThat(retried.status()).isEqualTo(200);
    }

    @Test
    void htmlPageFaultAnswersOkWithHtml() {
        emulator.faults().on("listBuilds").once().inject(Fault.htmlPage());

        Reply reply = http.get("/applications/" + seed.applicationId() + "/builds");

        assertThat(reply.status()).isEqualTo(200);
        assertThat(reply.header("Content-Type")).startsWith("text/html");
        assertThat(reply.text()).startsWith("<!DOCTYPE html>");
    }

    @Test
    void truncatedBodyIsCutInHalfWithAMatchingLength() {
        String whole = http.get("/workspace").text();
        emulator.faults().on("getWorkspace").once().inject(Fault.truncateBody());

        Reply reply = http.get("/workspace");

        assertThat(reply.status()).isEqualTo(200);
        assertThat(reply.json()).as("not parseable").isNull();
        assertThat(reply.text()).isEqualTo(whole.substring(0, whole.length() / 2));
        assertThat(reply.header("Content-Length")).isEqualTo(Integer.toString(whole.length() / 2));
    }

    @Test
    void throttledBodyArrivesNoFasterThanTheCap() {
        emulator.faults().on("storagePutObject").once().inject(Fault.throttleBody(8_000_000));
        JsonNode presigned = singlePartUpload(256 * 1024).get("primary_file").get("presigned_data");

        long started = System.nanoTime();
        Reply reply = http.put(presigned.get("url").asText(), new byte[256 * 1024], TestHttp.headers(presigned));
        Duration took = Duration.ofNanos(System.nanoTime() - started);

        assertThat(reply.status()).isEqualTo(200);
        assertThat(took).as("256 KiB at 1 MB/s").isGreaterThanOrEqualTo(Duration.ofMillis(240));
    }

    @Test
    void alwaysWithProbabilityZeroNeverFiresAndWithOneAlwaysFires() {
        FaultRule never = emulator.faults().on("getWorkspace").always().probability(0).inject(Fault.status(500));
        for (int i = 0; i < 5; i++) {
            assertThat(http.get("/workspace").status()).isEqualTo(200);
        }
        emulator.faults().clear();
        FaultRule always = emulator.faults().on("getWorkspace").always().probability(1).inject(Fault.status(500));
        for (int i = 0; i < 5; i++) {
            assertThat(http.get("/workspace").status()).isEqualTo(500);
        }

        assertThat(never.fired()).isZero();
        assertThat(always.fired()).isEqualTo(5);
        assertThat(always.remaining()).isEqualTo(-1);
    }

    @Test
    void unknownRouteOrPartOnAnotherRouteIsRefusedWhenScripting() {
        assertThatThrownBy(() -> emulator.faults().on("verify")).hasMessageContaining("no route named 'verify'");
        assertThatThrownBy(() -> emulator.faults().on("verifyUpload").part(2))
                .hasMessageContaining("part() applies to storageUploadPart");
    }
}
