package io.jenkins.plugins.buildstash.api;

import java.net.InetAddress;
import java.net.URI;
import java.net.URISyntaxException;
import java.util.Locale;

/**
 * The Buildstash API base URL, validated. Only https is accepted, except for loopback hosts (a local emulator), because
 * the API key travels in a header; user-info, queries and fragments are refused.
 */
public final class ApiBaseUrl {

    public static final String DEFAULT = "https://app.buildstash.com/api/v1";

    private ApiBaseUrl() {}

    /**
     * Parses and normalises a base URL (no trailing slash).
     *
     * @throws IllegalArgumentException with a message that says what to change; it never repeats user-info
     */
    public static URI parse(String text) {
        if (text == null || text.isBlank()) {
            throw new IllegalArgumentException("The Buildstash base URL is empty: leave it unset to use " + DEFAULT);
        }
        URI uri;
        try {
            uri = new URI(text.trim());
        } catch (URISyntaxException e) {
            throw new IllegalArgumentException(
                    "The Buildstash base URL is not a valid URL (" + e.getReason() + "): use a URL such as " + DEFAULT);
        }
        if (uri.getRawUserInfo() != null) {
            throw new IllegalArgumentException(
                    "The Buildstash base URL must not contain a user name or password: remove the part before '@'");
        }
        String scheme = uri.getScheme() == null ? "" : uri.getScheme().toLowerCase(Locale.ROOT);
        String host = uri.getHost();
        if (!uri.isAbsolute() || host == null || !(scheme.equals("https") || scheme.equals("http"))) {
            throw new IllegalArgumentException(
                    "The Buildstash base URL must be an absolute https:// URL such as " + DEFAULT + ": got " + text.trim());
        }
        if (scheme.equals("http") && !isLoopback(host)) {
            throw new IllegalArgumentException("The Buildstash base URL must use https:// because the API key is sent"
                    + " with every call; http:// is accepted only for a loopback host such as localhost: got "
                    + scheme + "://" + host);
        }
        if (uri.getRawQuery() != null || uri.getRawFragment() != null) {
            throw new IllegalArgumentException(
                    "The Buildstash base URL must not have a query (?) or fragment (#): use a URL such as " + DEFAULT);
        }
        String path = uri.getRawPath() == null ? "" : uri.getRawPath();
        while (path.endsWith("/")) {
            path = path.substring(0, path.length() - 1);
        }
        return URI.create(scheme + "://" + uri.getRawAuthority() + path);
    }

    /** True for {@code localhost} and literal loopback addresses; never resolves a name through DNS. */
    public static boolean isLoopback(String host) {
        String h = host.toLowerCase(Locale.ROOT);
        if (h.startsWith("[") && h.endsWith("]")) {
            h = h.substring(1, h.length() - 1);
        }
        if (h.equals("localhost") || h.endsWith(".localhost")) {
            return true;
        }
        if (!h.matches("[0-9.]+") && !h.contains(":")) {
            return false;
        }
        try {
            return InetAddress.getByName(h).isLoopbackAddress();
        } catch (java.net.UnknownHostException e) {
            return false;
        }
    }
}
