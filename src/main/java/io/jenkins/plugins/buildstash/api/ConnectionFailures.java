package io.jenkins.plugins.buildstash.api;

import java.util.Locale;

/**
 * Says what a broken connection's exception means in words a build log reader understands. The JDK client reports a
 * peer that closed the connection before answering as "HTTP/1.1 header parser received no bytes", which tells a
 * Jenkins user nothing.
 */
public final class ConnectionFailures {

    private ConnectionFailures() {}

    /** "it was reset", "it was closed before an answer came", ...; other messages as they are, redacted. */
    public static String describe(Throwable failure) {
        for (Throwable t = failure; t != null; t = t.getCause()) {
            String plain = plain(t.getMessage());
            if (plain != null) {
                return plain;
            }
        }
        String message = failure == null ? null : failure.getMessage();
        return message == null || message.isBlank() ? "it broke without saying why" : Redact.text(message);
    }

    private static String plain(String message) {
        if (message == null) {
            return null;
        }
        String m = message.toLowerCase(Locale.ROOT);
        if (m.contains("header parser received no bytes")) {
            return "it was closed before an answer came";
        }
        if (m.contains("connection reset")) {
            return "it was reset";
        }
        if (m.contains("broken pipe")) {
            return "it was closed while the request was being sent";
        }
        if (m.contains("eof reached") || m.contains("unexpected end of") || m.equals("eof")) {
            return "it was closed in the middle of the answer";
        }
        return null;
    }
}
