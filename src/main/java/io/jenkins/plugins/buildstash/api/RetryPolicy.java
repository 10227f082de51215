package io.jenkins.plugins.buildstash.api;

import java.io.Serializable;
import java.time.Duration;
import java.util.random.RandomGenerator;

/**
 * Decides whether and when to try a failed call again. The rules are checked in order; the first that applies wins.
 * Defaults follow the AWS SDK standard mode and Google's storage guidance (see docs/reliability.md): full-jitter
 * exponential backoff, a longer base when the server is throttling, {@code Retry-After} as a floor, and nothing
 * repeated that could create a second pending upload.
 */
public final class RetryPolicy implements Serializable {

    private static final long serialVersionUID = 1L;

    /** What kind of call failed: it decides how many attempts it gets and which failures are safe to repeat. */
    public enum CallKind {
        /** GETs and POSTs that change nothing or are harmless to repeat: presign a part, verify, metadata calls. */
        IDEMPOTENT_API,
        /** {@code POST /upload/request}: each success creates a pending upload, so a repeat could create a second one. */
        CREATE_UPLOAD,
        /** {@code POST /upload/abort}: best-effort cleanup that must never hide the original error for long. */
        ABORT,
        /** A PUT of a file or part to a presigned URL, or a GET of a download URL: repeatable from its start offset. */
        STORAGE
    }

    /** A decision: retry after {@code delay}, or give up; {@code reason} says why when that is news to the user. */
    public record Decision(boolean retry, Duration delay, String reason) {
        static Decision retryAfter(Duration wait) {
            return new Decision(true, wait, null);
        }

        static Decision giveUp(String reason) {
            return new Decision(false, Duration.ZERO, reason);
        }
    }

    /** The numbers behind the policy; see docs/reliability.md for where each comes from. */
    public record Limits(
            int storageAttempts,
            int apiAttempts,
            int createUploadAttempts,
            int abortAttempts,
            Duration transientBase,
            Duration throttledBase,
            Duration backoffCap,
            Duration longestRetryAfter,
            Duration retryAfterJitter)
            implements Serializable {

        public static Limits defaults() {
            return new Limits(
                    5, 4, 4, 2,
                    Duration.ofMillis(500), Duration.ofSeconds(1), Duration.ofSeconds(20),
                    Duration.ofSeconds(120), Duration.ofSeconds(1));
        }

        /** Same limits with every attempt count set to {@code attempts} (the global "retry attempts" setting). */
        public Limits withAttempts(int attempts) {
            if (attempts < 1 || attempts > 20) {
                throw new IllegalArgumentException("Retry attempts must be between 1 and 20, got " + attempts);
            }
            return new Limits(attempts, attempts, attempts, Math.min(abortAttempts, attempts), transientBase,
                    throttledBase, backoffCap, longestRetryAfter, retryAfterJitter);
        }

        int attemptsFor(CallKind kind) {
            return switch (kind) {
                case STORAGE -> storageAttempts;
                case IDEMPOTENT_API -> apiAttempts;
                case CREATE_UPLOAD -> createUploadAttempts;
                case ABORT -> abortAttempts;
            };
        }
    }

    private final Limits limits;

    public RetryPolicy(Limits limits) {
        this.limits = limits;
    }

    public static RetryPolicy standard() {
        return new RetryPolicy(Limits.defaults());
    }

    public Limits limits() {
        return limits;
    }

    /**
     * @param attemptsMade attempts so far, including the one that just failed
     */
    public Decision decide(CallKind kind, int attemptsMade, Failure failure, RetryBudget budget, RandomGenerator random) {
        // Configuration errors (unknown host, TLS, HTML instead of JSON) and caller errors (4xx) fail the same way again.
        if (!failure.isTransient()) {
            return Decision.giveUp(null);
        }
        // A created pending upload cannot be told apart from a failed one, so repeat only what proves nothing was
        // created: no connection, or an explicit "come back later" (429, 503).
        if (kind == CallKind.CREATE_UPLOAD
                && failure.type() != Failure.Type.NOT_CONNECTED
                && !failure.isThrottled()) {
            // After earlier throttled attempts, "not retried" next to "gave up after 2 attempts" would read as a
            // contradiction: say which answer was not retried.
            return Decision.giveUp((attemptsMade == 1 ? "not retried" : "this answer was not retried, unlike the earlier ones")
                    + ": the request may have reached Buildstash and created an upload");
        }
        int allowed = limits.attemptsFor(kind);
        if (attemptsMade >= allowed) {
            return Decision.giveUp(null);
        }
        Duration retryAfter = failure.retryAfter();
        if (retryAfter != null && retryAfter.compareTo(limits.longestRetryAfter()) > 0) {
            // Storage (S3, R2 or a customer's bucket) and Buildstash throttle apart: the user must know which one asked.
            String asker = kind == CallKind.STORAGE ? "storage" : "Buildstash";
            return Decision.giveUp(asker + " asked to wait " + retryAfter.toSeconds() + " s, longer than the "
                    + limits.longestRetryAfter().toSeconds() + " s we wait at most");
        }
        int cost = failure.isThrottled()
                ? RetryBudget.THROTTLED_RETRY_COST
                : failure.type() == Failure.Type.TIMED_OUT ? RetryBudget.TIMEOUT_RETRY_COST : RetryBudget.RETRY_COST;
        if (!budget.tryAcquire(cost)) {
            return Decision.giveUp("the retry budget of this operation is spent: Buildstash keeps failing");
        }
        Duration base = failure.isThrottled() ? limits.throttledBase() : limits.transientBase();
        Duration backoff = fullJitter(base, attemptsMade, random);
        if (retryAfter == null) {
            return Decision.retryAfter(backoff);
        }
        // The server's wait is a floor. The extra jitter keeps parallel parts from all coming back in the same instant.
        Duration floor = retryAfter.plus(jitter(limits.retryAfterJitter(), random));
        return Decision.retryAfter(floor.compareTo(backoff) >= 0 ? floor : backoff);
    }

    /** U(0, min(cap, base · 2^(retry−1))): "full jitter" spreads retries of many clients evenly. */
    private Duration fullJitter(Duration base, int retry, RandomGenerator random) {
        long ceiling = limits.backoffCap().toMillis();
        long exponential = base.toMillis() << Math.min(retry - 1, 30);
        long bound = Math.max(1, Math.min(ceiling, exponential < 0 ? ceiling : exponential));
        return Duration.ofMillis(random.nextLong(bound + 1));
    }

    private static Duration jitter(Duration max, RandomGenerator random) {
        return max.isZero() ? Duration.ZERO : Duration.ofMillis(random.nextLong(max.toMillis() + 1));
    }
}
