package io.jenkins.plugins.buildstash.emulator;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;

/** What the server writes back for one request, plus the network misbehaviour to apply while writing it. */
final class Response {

    /** A response body of known length, written after the headers. */
    interface Body {
        long length();

        void writeTo(OutputStream out, long limit) throws IOException;
    }

    private final int status;
    private final Map<String, String> headers = new LinkedHashMap<>();
    private Body body;
    private Duration headerDelay = Duration.ZERO;
    private boolean truncated;

    private Response(int status, Body body) {
        this.status = status;
        this.body = body;
    }

    static Response of(int status, String contentType, byte[] bytes) {
        return new Response(status, bytesBody(bytes)).header("Content-Type", contentType);
    }

    static Response of(int status, String contentType, String text) {
        return of(status, contentType, text.getBytes(StandardCharsets.UTF_8));
    }

    static Response empty(int status) {
        return new Response(status, bytesBody(new byte[0]));
    }

    static Response stream(int status, String contentType, Body body) {
        return new Response(status, body).header("Content-Type", contentType);
    }

    Response header(String name, String value) {
        headers.put(name, value);
        return this;
    }

    /** Holds the status line back for this long (on top of any connection latency). */
    Response delayHeaders(Duration delay) {
        this.headerDelay = headerDelay.plus(delay);
        return this;
    }

    /** Replaces the body with {@code rewrite} of its bytes (API answers only: they are small enough to hold). */
    Response rewriteBody(java.util.function.UnaryOperator<byte[]> rewrite) {
        java.io.ByteArrayOutputStream bytes = new java.io.ByteArrayOutputStream();
        try {
            body.writeTo(bytes, body.length());
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
        body = bytesBody(rewrite.apply(bytes.toByteArray()));
        return this;
    }

    /** Sends only the first half of the body, with a Content-Length that matches what is sent: a cut-off document. */
    Response truncateBody() {
        this.truncated = true;
        return this;
    }

    int status() {
        return status;
    }

    Map<String, String> headers() {
        return headers;
    }

    Body body() {
        return body;
    }

    Duration headerDelay() {
        return headerDelay;
    }

    long bytesToSend() {
        return truncated ? body.length() / 2 : body.length();
    }

    private static Body bytesBody(byte[] bytes) {
        return new Body() {
            @Override
            public long length() {
                return bytes.length;
            }

            @Override
            public void writeTo(OutputStream out, long limit) throws IOException {
                out.write(bytes, 0, (int) Math.min(limit, bytes.length));
            }
        };
    }

    static String reasonPhrase(int status) {
        return switch (status) {
            case 100 -> "Continue";
            case 200 -> "OK";
            case 204 -> "No Content";
            case 400 -> "Bad Request";
            case 401 -> "Unauthorized";
            case 403 -> "Forbidden";
            case 404 -> "Not Found";
            case 405 -> "Method Not Allowed";
            case 408 -> "Request Timeout";
            case 409 -> "Conflict";
            case 411 -> "Length Required";
            case 413 -> "Payload Too Large";
            case 415 -> "Unsupported Media Type";
            case 422 -> "Unprocessable Content";
            case 429 -> "Too Many Requests";
            case 500 -> "Internal Server Error";
            case 501 -> "Not Implemented";
            case 502 -> "Bad Gateway";
            case 503 -> "Service Unavailable";
            case 504 -> "Gateway Timeout";
            default -> "Status " + status;
        };
    }
}
