package io.jenkins.plugins.buildstash.api;

/**
 * A token bucket shared by every call of one operation (an upload, a download): each retry spends tokens, each success
 * returns one. When the endpoint is down, the bucket empties and retries stop well before every call has used all its
 * attempts (the AWS SDKs' "retry quota").
 */
public final class RetryBudget {

    /** Spent by a retry after a transient error. */
    static final int RETRY_COST = 5;
    /** Spent by a retry after a timeout, which costs the most wall time. */
    static final int TIMEOUT_RETRY_COST = 10;
    /** Spent by a retry the server asked for (429, 503): waiting is what it wants. */
    static final int THROTTLED_RETRY_COST = 1;

    private final int capacity;
    private int tokens;

    public RetryBudget(int capacity) {
        if (capacity < 0) {
            throw new IllegalArgumentException("capacity must not be negative");
        }
        this.capacity = capacity;
        this.tokens = capacity;
    }

    public static RetryBudget standard() {
        return new RetryBudget(100);
    }

    synchronized boolean tryAcquire(int cost) {
        if (tokens < cost) {
            return false;
        }
        tokens -= cost;
        return true;
    }

    synchronized void onSuccess() {
        tokens = Math.min(capacity, tokens + 1);
    }

    public synchronized int remaining() {
        return tokens;
    }
}
