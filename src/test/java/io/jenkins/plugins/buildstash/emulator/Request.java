package io.jenkins.plugins.buildstash.emulator;

import java.io.ByteArrayOutputStream;
import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;

/**
 * One parsed HTTP/1.1 request. The body is read lazily through {@link #body()}: the first read answers
 * {@code Expect: 100-continue}, so a handler that rejects a request early (bad signature, missing length) does so before
 * the client sends any byte of it.
 */
final class Request {

    private static final int MAX_HEADER_LINE = 16 * 1024;
    private static final int MAX_HEADERS = 200;

    private final String method;
    private final String rawPath;
    private final String rawQuery;
    private final Map<String, List<String>> query;
    private final Map<String, List<String>> headers;
    private final long contentLength;
    private final boolean chunked;
    private final HttpInput input;
    private final OutputStream output;
    private final BodyStream body = new BodyStream();

    private TokenBucket bandwidth;
    private boolean continueSent;
    private long consumed;
    private long resetAfterBodyBytes = -1;

    private Request(
            String method,
            String rawPath,
            String rawQuery,
            Map<String, List<String>> headers,
            HttpInput input,
            OutputStream output)
            throws BadRequest {
        this.method = method;
        this.rawPath = rawPath;
        this.rawQuery = rawQuery;
        this.query = parseQuery(rawQuery);
        this.headers = headers;
        this.input = input;
        this.output = output;
        String transferEncoding = header("Transfer-Encoding");
        this.chunked = transferEncoding != null && !transferEncoding.equalsIgnoreCase("identity");
        String length = header("Content-Length");
        if (length == null) {
            this.contentLength = -1;
        } else {
            try {
                this.contentLength = Long.parseLong(length.trim());
            } catch (NumberFormatException e) {
                throw new BadRequest("invalid Content-Length: " + length);
            }
            if (contentLength < 0) {
                throw new BadRequest("negative Content-Length");
            }
        }
    }

    /** Thrown for a request the server cannot parse; the connection is answered with 400 and closed. */
    static final class BadRequest extends IOException {
        private static final long serialVersionUID = 1L;

        BadRequest(String message) {
            super(message);
        }
    }

    /**
     * Reads the request line and headers.
     *
     * @return null when the client closed the connection cleanly between requests
     */
    static Request read(HttpInput input, OutputStream output) throws IOException {
        String requestLine = input.readLine(MAX_HEADER_LINE);
        while (requestLine != null && requestLine.isEmpty()) {
            requestLine = input.readLine(MAX_HEADER_LINE); // RFC 9112 §2.2: ignore a stray CRLF before a request
        }
        if (requestLine == null) {
            return null;
        }
        String[] parts = requestLine.split(" ");
        if (parts.length != 3 || !parts[2].startsWith("HTTP/1.")) {
            throw new BadRequest("malformed request line");
        }
        Map<String, List<String>> headers = new TreeMap<>(String.CASE_INSENSITIVE_ORDER);
        for (int count = 0; ; count++) {
            String line = input.readLine(MAX_HEADER_LINE);
            if (line == null) {
                throw new EOFException("connection closed inside the request headers");
            }
            if (line.isEmpty()) {
                break;
            }
            int colon = line.indexOf(':');
            if (colon <= 0 || count >= MAX_HEADERS) {
                throw new BadRequest("malformed header line");
            }
            headers.computeIfAbsent(line.substring(0, colon).trim(), k -> new ArrayList<>())
                    .add(line.substring(colon + 1).trim());
        }
        String target = parts[1];
        int question = target.indexOf('?');
        String rawPath = question < 0 ? target : target.substring(0, question);
        String rawQuery = question < 0 ? "" : target.substring(question + 1);
        if (!rawPath.startsWith("/")) {
            throw new BadRequest("request target must be an absolute path");
        }
        return new Request(parts[0], rawPath, rawQuery, headers, input, output);
    }

    String method() {
        return method;
    }

    /** The path as sent, still percent-encoded, without the query string. */
    String rawPath() {
        return rawPath;
    }

    String rawQuery() {
        return rawQuery;
    }

    /** The first value of a query parameter, decoded; null when absent. */
    String query(String name) {
        List<String> values = query.get(name);
        return values == null || values.isEmpty() ? null : values.get(0);
    }

    Map<String, List<String>> queryParameters() {
        return Collections.unmodifiableMap(query);
    }

    /** The first value of a header (names are case-insensitive); null when absent. */
    String header(String name) {
        List<String> values = headers.get(name);
        return values == null || values.isEmpty() ? null : values.get(0);
    }

    Map<String, List<String>> headers() {
        return Collections.unmodifiableMap(headers);
    }

    /** The declared body length, or -1 when the request has no Content-Length header. */
    long contentLength() {
        return contentLength;
    }

    boolean isChunked() {
        return chunked;
    }

    boolean expectsContinue() {
        String expect = header("Expect");
        return expect != null && expect.equalsIgnoreCase("100-continue");
    }

    boolean wantsClose() {
        String connection = header("Connection");
        return connection != null && connection.toLowerCase(Locale.ROOT).contains("close");
    }

    /** Caps the bandwidth of this request's body reads. */
    void shapeBody(TokenBucket bucket) {
        this.bandwidth = bucket;
    }

    /** Arms a reset: after {@code bytes} body bytes the connection is reset (RST) instead of answered. */
    void resetAfterBodyBytes(long bytes) {
        this.resetAfterBodyBytes = bytes;
    }

    boolean resetArmed() {
        return resetAfterBodyBytes >= 0;
    }

    /** The body; empty for a request without a Content-Length (chunked bodies are not decoded: callers refuse them). */
    InputStream body() {
        return body;
    }

    /** Reads a small body (JSON) into memory; refuses anything longer than {@code max}. */
    byte[] readSmallBody(int max) throws IOException {
        if (contentLength > max) {
            throw new BadRequest("body longer than " + max + " bytes");
        }
        ByteArrayOutputStream bytes = new ByteArrayOutputStream((int) Math.max(0, contentLength));
        body.transferTo(bytes);
        return bytes.toByteArray();
    }

    boolean bodyFullyRead() {
        return contentLength <= 0 || consumed >= contentLength;
    }

    /** Whether the client may still be holding the body back, waiting for {@code 100 Continue}. */
    boolean bodyWithheld() {
        return expectsContinue() && !continueSent && contentLength > 0;
    }

    /** Reads and discards the rest of the body so that the connection can carry the next request. */
    void drainBody() throws IOException {
        byte[] scratch = new byte[64 * 1024];
        while (body.read(scratch, 0, scratch.length) >= 0) {
            // discard
        }
    }

    private final class BodyStream extends InputStream {
        @Override
        public int read() throws IOException {
            byte[] one = new byte[1];
            int n = read(one, 0, 1);
            return n < 0 ? -1 : one[0] & 0xff;
        }

        @Override
        public int read(byte[] target, int offset, int length) throws IOException {
            if (contentLength <= 0 || consumed >= contentLength) {
                return -1;
            }
            if (!continueSent && expectsContinue()) {
                output.write("HTTP/1.1 100 Continue\r\n\r\n".getBytes(StandardCharsets.ISO_8859_1));
                output.flush();
                continueSent = true;
            }
            if (resetAfterBodyBytes >= 0 && consumed >= resetAfterBodyBytes) {
                throw new ConnectionResetFault();
            }
            long allowed = contentLength - consumed;
            if (resetAfterBodyBytes >= 0) {
                allowed = Math.min(allowed, resetAfterBodyBytes - consumed);
            }
            int wanted = (int) Math.min(length, allowed);
            if (bandwidth != null) {
                wanted = bandwidth.acquire(wanted);
            }
            int n = input.read(target, offset, wanted);
            if (n < 0) {
                throw new EOFException("the client closed the connection after " + consumed + " of " + contentLength
                        + " body bytes");
            }
            if (bandwidth != null && n < wanted) {
                bandwidth.refund(wanted - n); // the socket had less: what was not read may pass later
            }
            consumed += n;
            return n;
        }
    }

    /** Raised inside a body read when an armed reset fault fires; the server then resets the connection. */
    static final class ConnectionResetFault extends IOException {
        private static final long serialVersionUID = 1L;

        ConnectionResetFault() {
            super("connection reset by an injected fault");
        }
    }

    private static Map<String, List<String>> parseQuery(String rawQuery) throws BadRequest {
        Map<String, List<String>> result = new LinkedHashMap<>();
        if (rawQuery.isEmpty()) {
            return result;
        }
        try {
            for (String pair : rawQuery.split("&")) {
                if (pair.isEmpty()) {
                    continue;
                }
                int eq = pair.indexOf('=');
                String name = URLDecoder.decode(eq < 0 ? pair : pair.substring(0, eq), StandardCharsets.UTF_8);
                String value = eq < 0 ? "" : URLDecoder.decode(pair.substring(eq + 1), StandardCharsets.UTF_8);
                result.computeIfAbsent(name, k -> new ArrayList<>()).add(value);
            }
        } catch (IllegalArgumentException e) {
            throw new BadRequest("malformed query string");
        }
        return result;
    }
}
