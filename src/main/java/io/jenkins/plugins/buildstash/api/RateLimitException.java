package io.jenkins.plugins.buildstash.api;

import java.time.Duration;

/** HTTP 429 that retrying did not get past, within the attempts, the budget or the longest wait we accept. */
public class RateLimitException extends BuildstashException {

    private static final long serialVersionUID = 1L;

    public RateLimitException(String message, String operation, String serverMessage, Duration retryAfter) {
        super(message, operation, serverMessage, Failure.status(429, retryAfter));
    }

    /** What the server asked us to wait, or null when it did not say. */
    public Duration retryAfter() {
        return failure() == null ? null : failure().retryAfter();
    }
}
