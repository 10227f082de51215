package io.jenkins.plugins.buildstash.api;

import static org.assertj.core.api.Assertions.assertThat;

import io.jenkins.plugins.buildstash.api.RetryPolicy.CallKind;
import io.jenkins.plugins.buildstash.api.RetryPolicy.Decision;
import java.time.Duration;
import java.util.SplittableRandom;
import java.util.random.RandomGenerator;
import org.junit.jupiter.api.Test;

class RetryPolicyTest {

    private final RetryPolicy policy = RetryPolicy.standard();
    private final RandomGenerator random = new SplittableRandom(42);

    private Decision decide(CallKind kind, int attemptsMade, Failure failure) {
        return policy.decide(kind, attemptsMade, failure, RetryBudget.standard(), random);
    }

    @Test
    void retriesServerErrorsOfIdempotentCallsUntilAttemptsRunOut() {
        Failure error = Failure.status(502, null);
        assertThat(decide(CallKind.IDEMPOTENT_API, 1, error).retry()).isTrue();
        assertThat(decide(CallKind.IDEMPOTENT_API, 3, error).retry()).isTrue();
        assertThat(decide(CallKind.IDEMPOTENT_API, 4, error).retry()).isFalse();
        assertThat(decide(CallKind.STORAGE, 4, error).retry()).isTrue();
        assertThat(decide(CallKind.STORAGE, 5, error).retry()).isFalse();
    }

    @Test
    void neverRetriesCallerErrors() {
        for (int status : new int[] {400, 401, 403, 404, 409, 413, 415, 422, 501}) {
            assertThat(decide(CallKind.IDEMPOTENT_API, 1, Failure.status(status, null)).retry())
                    .as("HTTP " + status)
                    .isFalse();
        }
        assertThat(decide(CallKind.IDEMPOTENT_API, 1, Failure.of(Failure.Type.PERMANENT)).retry()).isFalse();
    }

    @Test
    void retriesRequestTimeoutAndTooManyRequests() {
        assertThat(decide(CallKind.IDEMPOTENT_API, 1, Failure.status(408, null)).retry()).isTrue();
        assertThat(decide(CallKind.IDEMPOTENT_API, 1, Failure.status(429, null)).retry()).isTrue();
    }

    @Test
    void createUploadIsRetriedOnlyWhenBuildstashCertainlyDidNotProcessIt() {
        assertThat(decide(CallKind.CREATE_UPLOAD, 1, Failure.of(Failure.Type.NOT_CONNECTED)).retry()).isTrue();
        assertThat(decide(CallKind.CREATE_UPLOAD, 1, Failure.status(429, null)).retry()).isTrue();
        assertThat(decide(CallKind.CREATE_UPLOAD, 1, Failure.status(503, null)).retry()).isTrue();

        for (Failure unsafe : new Failure[] {
            Failure.status(500, null), Failure.status(502, null), Failure.status(504, null),
            Failure.of(Failure.Type.CONNECTION_LOST), Failure.of(Failure.Type.TIMED_OUT),
            Failure.of(Failure.Type.MALFORMED_RESPONSE)
        }) {
            Decision d = decide(CallKind.CREATE_UPLOAD, 1, unsafe);
            assertThat(d.retry()).as(unsafe.toString()).isFalse();
            assertThat(d.reason()).contains("may have reached Buildstash");
        }
    }

    @Test
    void fullJitterBackoffStaysUnderTheExponentialCeilingAndTheCap() {
        for (int retry = 1; retry <= 3; retry++) {
            long ceiling = Math.min(20_000, 500L << (retry - 1));
            for (int i = 0; i < 200; i++) {
                Duration wait = decide(CallKind.STORAGE, retry, Failure.of(Failure.Type.CONNECTION_LOST)).delay();
                assertThat(wait.toMillis()).isBetween(0L, ceiling);
            }
        }
        RetryPolicy many = new RetryPolicy(RetryPolicy.Limits.defaults().withAttempts(20));
        for (int i = 0; i < 200; i++) {
            Duration wait = many.decide(CallKind.STORAGE, 19, Failure.status(500, null), RetryBudget.standard(), random)
                    .delay();
            assertThat(wait).isLessThanOrEqualTo(Duration.ofSeconds(20));
        }
    }

    @Test
    void retryAfterIsAFloorWithAtMostOneSecondOfJitter() {
        for (int i = 0; i < 200; i++) {
            Duration wait = decide(CallKind.IDEMPOTENT_API, 1, Failure.status(429, Duration.ofSeconds(7))).delay();
            assertThat(wait).isBetween(Duration.ofSeconds(7), Duration.ofSeconds(8));
        }
    }

    @Test
    void aRetryAfterLongerThanTheCeilingFailsAtOnceAndSaysHowLong() {
        Decision d = decide(CallKind.IDEMPOTENT_API, 1, Failure.status(429, Duration.ofSeconds(600)));
        assertThat(d.retry()).isFalse();
        assertThat(d.reason()).contains("600 s").contains("120 s");
    }

    @Test
    void anEmptyBudgetStopsRetriesBeforeAttemptsRunOut() {
        RetryBudget budget = new RetryBudget(12);
        Failure error = Failure.status(500, null);
        assertThat(policy.decide(CallKind.STORAGE, 1, error, budget, random).retry()).isTrue();
        assertThat(policy.decide(CallKind.STORAGE, 1, error, budget, random).retry()).isTrue();
        Decision third = policy.decide(CallKind.STORAGE, 1, error, budget, random);
        assertThat(third.retry()).isFalse();
        assertThat(third.reason()).contains("retry budget");
    }

    @Test
    void throttledRetriesCostLessThanErrorsAndTimeoutsCostMost() {
        RetryBudget budget = new RetryBudget(100);
        policy.decide(CallKind.STORAGE, 1, Failure.status(429, null), budget, random);
        assertThat(budget.remaining()).isEqualTo(99);
        policy.decide(CallKind.STORAGE, 1, Failure.status(500, null), budget, random);
        assertThat(budget.remaining()).isEqualTo(94);
        policy.decide(CallKind.STORAGE, 1, Failure.of(Failure.Type.TIMED_OUT), budget, random);
        assertThat(budget.remaining()).isEqualTo(84);
        budget.onSuccess();
        assertThat(budget.remaining()).isEqualTo(85);
    }

    @Test
    void successRefillsTheBudgetOnlyUpToItsCapacity() {
        RetryBudget budget = new RetryBudget(3);
        budget.onSuccess();
        assertThat(budget.remaining()).isEqualTo(3);
    }
}
