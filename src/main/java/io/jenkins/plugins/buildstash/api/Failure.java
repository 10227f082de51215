package io.jenkins.plugins.buildstash.api;

import java.io.Serializable;
import java.time.Duration;

/**
 * What went wrong with one attempt of a call, in the terms the retry policy decides on.
 *
 * @param status the HTTP status, or 0 when no response arrived
 * @param retryAfter the server's {@code Retry-After}, or null
 */
public record Failure(Type type, int status, Duration retryAfter) implements Serializable {

    public enum Type {
        /** The connection was never established, so the request certainly was not processed. */
        NOT_CONNECTED,
        /** The connection broke (reset, EOF) after the request may have been sent. */
        CONNECTION_LOST,
        /** No response, or no upload progress, within the allowed time. */
        TIMED_OUT,
        /** A response with an error status. */
        HTTP_STATUS,
        /** A success status whose JSON body was cut off or malformed. */
        MALFORMED_RESPONSE,
        /** A configuration problem no retry can fix: unknown host, TLS failure, HTML instead of JSON, a redirect. */
        PERMANENT
    }

    public static Failure of(Type type) {
        return new Failure(type, 0, null);
    }

    public static Failure status(int status, Duration retryAfter) {
        return new Failure(Type.HTTP_STATUS, status, retryAfter);
    }

    public boolean isThrottled() {
        return type == Type.HTTP_STATUS && (status == 429 || status == 503);
    }

    /** Whether a later attempt could succeed, ignoring whether repeating this particular call is safe. */
    public boolean isTransient() {
        return switch (type) {
            case NOT_CONNECTED, CONNECTION_LOST, TIMED_OUT, MALFORMED_RESPONSE -> true;
            case PERMANENT -> false;
            case HTTP_STATUS -> status == 408 || status == 429 || (status >= 500 && status != 501 && status != 505);
        };
    }
}
