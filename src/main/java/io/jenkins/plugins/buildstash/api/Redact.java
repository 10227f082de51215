package io.jenkins.plugins.buildstash.api;

import java.net.URI;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Keeps secrets out of messages and logs. A presigned URL's query string is a bearer write or read capability
 * ({@code X-Amz-Signature}...), so only its scheme, host and path are ever shown.
 */
public final class Redact {

    private static final Pattern URL_QUERY = Pattern.compile("(https?://[^\\s\"'<>?#]+)[?#][^\\s\"'<>]*");
    private static final Pattern BEARER = Pattern.compile("(?i)(bearer\\s+)[^\\s\"',;]+");
    private static final int MAX_SERVER_TEXT = 300;

    private Redact() {}

    /** {@code https://host/path?…} for any URL; never the query, fragment or user-info. */
    public static String url(String url) {
        if (url == null) {
            return "(no URL)";
        }
        try {
            URI uri = URI.create(url);
            if (uri.getHost() == null) {
                return "(unparseable URL)";
            }
            String port = uri.getPort() < 0 ? "" : ":" + uri.getPort();
            String path = uri.getRawPath() == null ? "" : uri.getRawPath();
            String hidden = uri.getRawQuery() != null || uri.getRawFragment() != null ? "?…" : "";
            return uri.getScheme() + "://" + uri.getHost() + port + path + hidden;
        } catch (IllegalArgumentException e) {
            return "(unparseable URL)";
        }
    }

    /**
     * Text from the server or an exception, made safe to show: URL queries and bearer tokens hidden, the given secrets
     * replaced, control characters flattened and the length capped.
     */
    public static String text(String text, String... secrets) {
        if (text == null) {
            return "";
        }
        String safe = text;
        for (String secret : secrets) {
            if (secret != null && secret.length() >= 4) {
                safe = safe.replace(secret, "****");
            }
        }
        safe = URL_QUERY.matcher(safe).replaceAll(m -> Matcher.quoteReplacement(m.group(1) + "?…"));
        safe = BEARER.matcher(safe).replaceAll("$1****");
        safe = safe.replaceAll("[\\p{Cntrl}&&[^\\t]]+", " ").trim();
        return safe.length() > MAX_SERVER_TEXT ? safe.substring(0, MAX_SERVER_TEXT) + "…" : safe;
    }
}
