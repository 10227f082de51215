package io.jenkins.plugins.buildstash.api;

import java.io.IOException;

/**
 * A Buildstash call that failed, with a message that says what to do about it. Never carries the API key, an
 * {@code Authorization} header or a presigned URL's query string.
 */
public class BuildstashException extends IOException {

    private static final long serialVersionUID = 1L;

    private final String operation;
    private final String serverMessage;
    private final Failure failure;
    private volatile int attempts = 1;
    private volatile String giveUpReason;
    private volatile String pendingUploadIdSeen;

    /**
     * @param message what happened and what to do, shown to the user as is
     * @param operation the call, such as {@code POST /upload/verify}; no query string
     * @param serverMessage Buildstash's own {@code message}, already scrubbed, or null
     */
    public BuildstashException(String message, String operation, String serverMessage, Failure failure) {
        super(message);
        this.operation = operation;
        this.serverMessage = serverMessage;
        this.failure = failure;
    }

    public BuildstashException(String message, String operation, Failure failure, Throwable cause) {
        this(message, operation, null, failure);
        initCause(cause);
    }

    /** The HTTP status, or 0 when no response arrived. */
    public int status() {
        return failure == null ? 0 : failure.status();
    }

    public String operation() {
        return operation;
    }

    /** Buildstash's {@code message}, or null. */
    public String serverMessage() {
        return serverMessage;
    }

    public Failure failure() {
        return failure;
    }

    /** Whether trying again later could succeed (the retry policy separately decides whether repeating it is safe). */
    public boolean retryable() {
        return failure != null && failure.isTransient();
    }

    public int attempts() {
        return attempts;
    }

    /**
     * The id of a pending upload that this failed answer named although it could not be read in full, or null: the
     * caller aborts it, so that a malformed answer leaves nothing behind.
     */
    public String pendingUploadIdSeen() {
        return pendingUploadIdSeen;
    }

    void pendingUploadIdSeen(String id) {
        this.pendingUploadIdSeen = id;
    }

    void recordGiveUp(int attempts, String reason) {
        this.attempts = attempts;
        this.giveUpReason = reason;
    }

    @Override
    public String getMessage() {
        String message = super.getMessage();
        if (giveUpReason != null) {
            message += " (" + giveUpReason + ")";
        }
        return attempts > 1 ? message + " (gave up after " + attempts + " attempts)" : message;
    }
}
