package io.jenkins.plugins.buildstash.emulator;

import static org.assertj.core.api.Assertions.assertThat;

import io.jenkins.plugins.buildstash.emulator.TestHttp.Reply;
import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** Rate limits on a clock the test moves: no test waits for a window to pass. */
class RateLimitTest {

    /** 20 s into a minute, so that the current fixed window has 40 s left. */
    private final MutableClock clock = new MutableClock(Instant.parse("2026-11-29T10:00:20Z"));
    private BuildstashEmulator emulator;
    private Seed seed;
    private TestHttp http;

    private void start(RetryAfter.Style style) throws Exception {
        emulator = BuildstashEmulator.start(EmulatorOptions.defaults().withClock(clock).withRetryAfterStyle(style));
        seed = emulator.seedDefaults();
        http = new TestHttp(emulator, seed.workspaceKey());
    }

    @AfterEach
    void stop() {
        emulator.close();
    }

    private String downloadPath(String applicationId) {
        emulator.addStream(applicationId, "rc");
        String build = emulator.addBuild(NewBuild.of(applicationId, "ios", "rc", "1.0.0", "a.ipa", new byte[1]));
        return "/applications/" + applicationId + "/builds/" + build + "/download";
    }

    private void download(String path, int times) {
        for (int i = 0; i < times; i++) {
            assertThat(http.get(path).status()).as("download " + (i + 1)).isEqualTo(200);
        }
    }

    @Test
    void thirtyFirstDownloadOfAnApplicationInAMinuteIsTooManyRequestsWithRetryAfterInSeconds() throws Exception {
        start(RetryAfter.Style.SECONDS);
        String path = downloadPath(seed.applicationId());
        download(path, 30);

        Reply limited = http.get(path);

        assertThat(limited.status()).isEqualTo(429);
        assertThat(limited.json().get("message").asText()).isEqualTo("Too Many Attempts.");
        assertThat(limited.header("Retry-After")).isEqualTo("40");
        assertThat(limited.header("X-RateLimit-Limit")).isEqualTo("30");
        assertThat(emulator.requestLog()).last()
                .satisfies(entry -> assertThat(entry.retryAfter()).as("logged Retry-After").isEqualTo("40"));
        assertThat(emulator.requestLog()).filteredOn(entry -> entry.status() == 200)
                .allSatisfy(entry -> assertThat(entry.retryAfter()).isNull());
        assertThat(http.get("/applications/" + seed.applicationId() + "/builds").status())
                .as("other routes are not limited").isEqualTo(200);
        clock.advance(Duration.ofSeconds(40));
        assertThat(http.get(path).status()).as("a new window").isEqualTo(200);
    }

    @Test
    void sixtyFirstDownloadInTheWorkspaceIsLimitedAcrossApplications() throws Exception {
        start(RetryAfter.Style.SECONDS);
        download(downloadPath(seed.applicationId()), 30);
        download(downloadPath(seed.otherApplicationId()), 30);
        String third = downloadPath(emulator.addApplication("Third", "ios"));

        Reply limited = http.get(third);

        assertThat(limited.status()).isEqualTo(429);
        assertThat(limited.header("X-RateLimit-Limit")).isEqualTo("60");
    }

    @Test
    void retryAfterCanBeAnHttpDate() throws Exception {
        start(RetryAfter.Style.HTTP_DATE);
        String path = downloadPath(seed.applicationId());
        download(path, 30);

        Reply limited = http.get(path);

        assertThat(limited.header("Retry-After")).isEqualTo("Sun, 29 Nov 2026 10:01:00 GMT");
        assertThat(limited.header("Date")).isEqualTo("Sun, 29 Nov 2026 10:00:20 GMT");
    }

    @Test
    void retryAfterCanBeAbsent() throws Exception {
        start(RetryAfter.Style.NONE);
        String path = downloadPath(seed.applicationId());
        download(path, 30);

        Reply limited = http.get(path);

        assertThat(limited.status()).isEqualTo(429);
        assertThat(limited.header("Retry-After")).isNull();
    }

    @Test
    void anyRouteCanBeGivenALimit() throws Exception {
        start(RetryAfter.Style.SECONDS);
        emulator.addRateLimit(RateLimit.perWorkspace(2, Duration.ofSeconds(1), "getWorkspace"));

        assertThat(http.get("/workspace").status()).isEqualTo(200);
        assertThat(http.get("/workspace").status()).isEqualTo(200);
        Reply limited = http.get("/workspace");
        clock.advance(Duration.ofSeconds(1));

        assertThat(limited.status()).isEqualTo(429);
        assertThat(limited.header("Retry-After")).isEqualTo("1");
        assertThat(http.get("/workspace").status()).isEqualTo(200);
    }

    @Test
    void storageRoutesCanBeLimitedAndAnswerInS3Xml() throws Exception {
        start(RetryAfter.Style.SECONDS);
        emulator.addRateLimit(RateLimit.perApplication(1, Duration.ofMinutes(1), "storagePutObject"));
        TestHttp app = http.as(seed.applicationKey());
        var presigned = app.post("/upload/request", TestHttp.uploadRequest("windows", "beta", "a.exe", 1))
                .json().get("primary_file").get("presigned_data");

        Reply first = app.put(presigned.get("url").asText(), new byte[1], TestHttp.headers(presigned));
        Reply second = app.put(presigned.get("url").asText(), new byte[1], TestHttp.headers(presigned));

        assertThat(first.status()).isEqualTo(200);
        assertThat(second.status()).isEqualTo(429);
        assertThat(second.text()).contains("<Code>SlowDown</Code>");
    }

    @Test
    void limitsCanBeClearedForThroughputRuns() throws Exception {
        start(RetryAfter.Style.SECONDS);
        emulator.clearRateLimits();
        String path = downloadPath(seed.applicationId());

        download(path, 31);

        assertThat(emulator.requestCount("downloadBuild")).isEqualTo(31);
    }
}
