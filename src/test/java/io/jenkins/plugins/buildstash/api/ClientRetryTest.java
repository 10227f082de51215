package io.jenkins.plugins.buildstash.api;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import io.jenkins.plugins.buildstash.emulator.Fault;
import io.jenkins.plugins.buildstash.emulator.FaultRule;
import io.jenkins.plugins.buildstash.emulator.RetryAfter;
import io.jenkins.plugins.buildstash.testing.ApiFixture;
import io.jenkins.plugins.buildstash.testing.SecretLedger;
import java.io.IOException;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The retry rules, driven by the emulator's scripted faults and observed through a recording sleeper. */
class ClientRetryTest {

    private ApiFixture api;

    @BeforeEach
    void start() throws IOException {
        api = ApiFixture.start();
    }

    @AfterEach
    void stop() {
        api.close();
    }

    @Test
    void serverErrorsOfAReadAreRetriedWithJitteredBackoff() throws Exception {
        FaultRule rule = api.emulator.faults().on("listApplicationStreams").times(2).inject(Fault.status(502));
        assertThat(api.appClient().listStreams(api.seed.applicationId())).isNotEmpty();
        assertThat(rule.fired()).isEqualTo(2);
        assertThat(api.emulator.requestCount("listApplicationStreams")).isEqualTo(3);
        assertThat(api.sleeper.waits()).hasSize(2).allSatisfy(w -> assertThat(w).isLessThanOrEqualTo(Duration.ofSeconds(1)));
        assertThat(api.log).hasSize(2).allSatisfy(line -> assertThat(line)
                .startsWith("Retrying GET /applications/" + api.seed.applicationId() + "/streams in ")
                .contains("HTTP 502"));
    }

    @Test
    void retryAfterInSecondsIsAFloor() throws Exception {
        api.emulator.faults().on("getWorkspace").once()
                .inject(Fault.status(503).withRetryAfter(RetryAfter.seconds(7)));
        api.appClient().getWorkspace();
        assertThat(api.sleeper.waits()).singleElement()
                .satisfies(w -> assertThat(w).isBetween(Duration.ofSeconds(7), Duration.ofSeconds(8)));
    }

    @Test
    void retryAfterAsAnHttpDateIsAFloor() throws Exception {
        api.emulator.faults().on("getWorkspace").once()
                .inject(Fault.status(429).withRetryAfter(RetryAfter.httpDate(Duration.ofSeconds(5))));
        api.appClient().getWorkspace();
        // The date has a one-second resolution and is measured against the response's Date header.
        assertThat(api.sleeper.waits()).singleElement()
                .satisfies(w -> assertThat(w).isBetween(Duration.ofSeconds(4), Duration.ofSeconds(7)));
    }

    @Test
    void aRetryAfterBeyondTheCeilingFailsAtOnceSayingHowLong() {
        api.emulator.faults().on("getWorkspace").once()
                .inject(Fault.status(429).withRetryAfter(RetryAfter.seconds(900)));
        RateLimitException e = catchThrowableOfType(RateLimitException.class, () -> api.appClient().getWorkspace());
        SecretLedger.observe("ClientRetryTest", e);
        assertThat(e.retryAfter()).isEqualTo(Duration.ofSeconds(900));
        assertThat(e.getMessage()).isEqualTo("Buildstash is rate-limiting GET /workspace (HTTP 429, asked to wait 900 s)"
                + " (Buildstash asked to wait 900 s, longer than the 120 s we wait at most)");
        assertThat(api.sleeper.waits()).isEmpty();
    }

    @Test
    void aSpentBudgetStopsRetriesBeforeAttemptsRunOut() {
        api.emulator.faults().on("getWorkspace").always().inject(Fault.status(500));
        BuildstashClient client = api.appClient().withBudget(new RetryBudget(5));
        BuildstashException e = catchThrowableOfType(BuildstashException.class, client::getWorkspace);
        assertThat(e.getMessage()).contains("the retry budget of this operation is spent").contains("gave up after 2 attempts");
        assertThat(api.emulator.requestCount("getWorkspace")).isEqualTo(2);
    }

    @Test
    void creatingAnUploadIsNotRepeatedAfterAServerError() {
        api.emulator.faults().on("requestUpload").once().inject(Fault.status(500));
        BuildstashException e = catchThrowableOfType(BuildstashException.class,
                () -> api.appClient().requestUpload(ClientErrorsTest.upload(null, "beta", 1, List.of())));
        assertThat(e.getMessage()).contains("HTTP 500")
                .contains("not retried: the request may have reached Buildstash and created an upload");
        assertThat(api.emulator.requestCount("requestUpload")).isEqualTo(1);
        assertThat(api.sleeper.waits()).isEmpty();
    }

    @Test
    void creatingAnUploadIsRepeatedWhenTheServerSaysComeBackLater() throws Exception {
        api.emulator.faults().on("requestUpload").once()
                .inject(Fault.status(503).withRetryAfter(RetryAfter.seconds(2)));
        api.emulator.faults().on("requestUpload").once().inject(Fault.status(429));
        var instructions = api.appClient().requestUpload(ClientErrorsTest.upload(null, "beta", 1, List.of()));
        assertThat(instructions.pendingUploadId()).isNotBlank();
        assertThat(api.emulator.requestCount("requestUpload")).isEqualTo(3);
        assertThat(api.emulator.pendingUploads()).hasSize(1);
        assertThat(api.sleeper.waits().get(0)).isGreaterThanOrEqualTo(Duration.ofSeconds(2));
    }

    @Test
    void aServerErrorAfterAThrottledAttemptSaysWhichAnswerWasNotRetried() {
        api.emulator.faults().on("requestUpload").once().inject(Fault.status(429));
        api.emulator.faults().on("requestUpload").once().inject(Fault.status(502));
        BuildstashException e = catchThrowableOfType(BuildstashException.class,
                () -> api.appClient().requestUpload(ClientErrorsTest.upload(null, "beta", 1, List.of())));
        SecretLedger.observe("ClientRetryTest", e);
        assertThat(e.getMessage()).isEqualTo("Buildstash had a server error (HTTP 502 on POST /upload/request): Bad"
                + " Gateway (this answer was not retried, unlike the earlier ones: the request may have reached"
                + " Buildstash and created an upload) (gave up after 2 attempts)");
        assertThat(api.emulator.requestCount("requestUpload")).isEqualTo(2);
        assertThat(api.emulator.pendingUploads()).isEmpty();
    }

    @Test
    void idempotentPostsAreRetriedAfterAResetOrTimeout() throws Exception {
        var instructions = api.appClient().requestUpload(ClientErrorsTest.upload(null, "beta", 1, List.of()));
        api.emulator.faults().on("abortUpload").once().inject(Fault.status(502));
        api.appClient().abortUpload(instructions.pendingUploadId());
        assertThat(api.emulator.requestCount("abortUpload")).isEqualTo(2);
        assertThat(api.emulator.abortedUploadIds()).contains(instructions.pendingUploadId());
    }

    @Test
    void anInterruptEndsTheWaitAtOnce() throws Exception {
        api.emulator.faults().on("getWorkspace").always()
                .inject(Fault.status(503).withRetryAfter(RetryAfter.seconds(60)));
        BuildstashClient client = api.builder(api.seed.applicationKey()).sleeper(Sleeper.SYSTEM).build();
        CompletableFuture<Throwable> outcome = new CompletableFuture<>();
        Thread caller = new Thread(() -> {
            try {
                client.getWorkspace();
                outcome.complete(null);
            } catch (Throwable t) {
                outcome.complete(t);
            }
        });
        caller.start();
        // Wait until the first 503 was answered, so that the caller is in its 60-second wait.
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
        while (api.emulator.requestCount("getWorkspace") < 1 && System.nanoTime() < deadline) {
            Thread.onSpinWait();
        }
        long interruptedAt = System.nanoTime();
        caller.interrupt();
        Throwable t = outcome.get(5, TimeUnit.SECONDS);
        assertThat(t).isInstanceOf(InterruptedException.class);
        assertThat(Duration.ofNanos(System.nanoTime() - interruptedAt)).isLessThan(Duration.ofSeconds(2));
        assertThat(api.emulator.requestCount("getWorkspace")).isEqualTo(1);
    }
}
