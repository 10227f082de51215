package io.jenkins.plugins.buildstash.emulator;

import java.time.Duration;
import java.util.List;
import java.util.Set;

/**
 * A request budget shared by a set of routes: {@code limit} requests per {@code window}, counted per application or per
 * workspace. "Per application" counts by the application the request is about (its {@code application_id} path
 * parameter, else the application of an application key), because the brief leaves key-versus-resource open (G15)
 * and the resource is what both kinds of key share.
 */
public record RateLimit(Set<String> routes, Scope scope, int limit, Duration window) {

    public enum Scope {
        APPLICATION,
        WORKSPACE
    }

    /** The download routes, the only ones with published numbers (brief §6). */
    static final Set<String> DOWNLOAD_ROUTES = Set.of("downloadBuild", "downloadMetadataArtifact");

    public RateLimit {
        routes = Set.copyOf(routes);
        if (limit < 1 || window.isZero() || window.isNegative()) {
            throw new IllegalArgumentException("a rate limit needs a positive limit and window");
        }
    }

    public static RateLimit perApplication(int limit, Duration window, String... routes) {
        return new RateLimit(Set.of(routes), Scope.APPLICATION, limit, window);
    }

    public static RateLimit perWorkspace(int limit, Duration window, String... routes) {
        return new RateLimit(Set.of(routes), Scope.WORKSPACE, limit, window);
    }

    /** 30 downloads a minute per application and 60 per workspace (brief §6). */
    public static List<RateLimit> downloadDefaults() {
        String[] downloads = DOWNLOAD_ROUTES.toArray(String[]::new);
        return List.of(
                perApplication(30, Duration.ofMinutes(1), downloads),
                perWorkspace(60, Duration.ofMinutes(1), downloads));
    }
}
