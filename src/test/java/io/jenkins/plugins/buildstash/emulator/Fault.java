package io.jenkins.plugins.buildstash.emulator;

import java.time.Duration;

/**
 * A named misbehaviour the emulator applies to one request of a route (see {@link Faults}). Faults that answer in
 * place of the route ({@link Status}, {@link HtmlPage}, {@link ExpiredUrl}) skip the handler; the others wrap it.
 */
public sealed interface Fault {

    /** Answer with this status instead of handling the request; JSON {@code {message}} unless a body is given. */
    static Status status(int status) {
        return new Status(status, RetryAfter.none(), null, null);
    }

    /** Hold the response headers back for {@code delay} after the request was handled. */
    static Fault delayHeaders(Duration delay) {
        return new DelayHeaders(delay);
    }

    /**
     * Reset the connection (TCP RST) after {@code bytes} bytes of the request body. With {@code bytes} at or beyond the
     * body length, the request is handled in full and the connection is reset instead of answered: the ambiguous
     * "did my POST happen?" case.
     */
    static Fault resetAfterBodyBytes(long bytes) {
        return new ResetAfterBodyBytes(bytes);
    }

    /** Answer 200 with an HTML page, as a captive portal or a misrouted proxy would. */
    static Fault htmlPage() {
        return new HtmlPage();
    }

    /** Handle the request, then send only the first half of the body (with a matching Content-Length). */
    static Fault truncateBody() {
        return new TruncateBody();
    }

    /** Storage only: answer 403 {@code AccessDenied} "Request has expired", as for a presigned URL past its expiry. */
    static Fault expiredUrl() {
        return new ExpiredUrl();
    }

    /** Read this request's body at no more than {@code bitsPerSecond}. */
    static Fault throttleBody(long bitsPerSecond) {
        return new ThrottleBody(bitsPerSecond);
    }

    /**
     * Runs a test's action when the request has arrived and before its body is read, then handles the request as
     * usual: something happening on the client's side at an exact moment of an upload (its file changing, say).
     */
    static Fault meanwhile(Runnable action) {
        return new Meanwhile(action, null);
    }

    /**
     * {@link #meanwhile(Runnable)}, with a fault that wraps the route's answer besides: one on the request's body
     * ({@link #throttleBody}, a reset) or on the answer ({@link #delayHeaders}, {@link #truncateBody}).
     */
    static Fault meanwhile(Runnable action, Fault alongside) {
        return new Meanwhile(action, alongside);
    }

    /**
     * The route's real answer (so whatever it created exists), with its body rewritten and, unless null, another
     * {@code Content-Type}: an encoding quirk of a server or a proxy.
     */
    static Fault rewriteAnswer(String contentType, java.util.function.UnaryOperator<byte[]> rewrite) {
        return new RewriteAnswer(contentType, rewrite);
    }

    record Status(int status, RetryAfter retryAfter, String contentType, String body) implements Fault {
        public Status withRetryAfter(RetryAfter value) {
            return new Status(status, value, contentType, body);
        }

        public Status withBody(String type, String text) {
            return new Status(status, retryAfter, type, text);
        }
    }

    record DelayHeaders(Duration delay) implements Fault {}

    record ResetAfterBodyBytes(long bytes) implements Fault {}

    record HtmlPage() implements Fault {}

    record TruncateBody() implements Fault {}

    record ExpiredUrl() implements Fault {}

    record ThrottleBody(long bitsPerSecond) implements Fault {}

    record Meanwhile(Runnable action, Fault alongside) implements Fault {}

    record RewriteAnswer(String contentType, java.util.function.UnaryOperator<byte[]> rewrite) implements Fault {}
}
