package io.jenkins.plugins.buildstash.emulator;

import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Fixed-window counters for {@link RateLimit}s, on the emulator's clock (so that a test moves time instead of waiting a
 * minute). A request is admitted only when every limit that covers it has room; only admitted requests count.
 */
final class RateLimiter {

    /** Why a request was refused: the limit it hit and how long until that limit's window ends. */
    record Rejection(RateLimit limit, Duration retryIn) {

        /** Adds the 429 headers to {@code response}: Laravel's {@code X-RateLimit-*}, and {@code Retry-After}. */
        Response describe(Response response, RetryAfter.Style style, java.time.Instant now) {
            response.header("X-RateLimit-Limit", Integer.toString(limit.limit())).header("X-RateLimit-Remaining", "0");
            style.forWait(retryIn).headerValue(now).ifPresent(value -> response.header("Retry-After", value));
            return response;
        }
    }

    private record Window(long index, int count) {}

    private record Hit(String key, long index) {}

    private final Clock clock;
    private final List<RateLimit> limits = new ArrayList<>();
    private final Map<String, Window> windows = new HashMap<>();

    RateLimiter(Clock clock, List<RateLimit> initial) {
        this.clock = clock;
        limits.addAll(initial);
    }

    synchronized void add(RateLimit limit) {
        limits.add(limit);
    }

    synchronized void clear() {
        limits.clear();
        windows.clear();
    }

    /**
     * Counts a request against every limit on its route.
     *
     * @param applicationId the application the request concerns, or null when it concerns none
     */
    synchronized Optional<Rejection> admit(String route, String applicationId, String workspaceId) {
        long now = clock.millis();
        List<Hit> hits = new ArrayList<>();
        for (int i = 0; i < limits.size(); i++) {
            RateLimit limit = limits.get(i);
            if (!limit.routes().contains(route)) {
                continue;
            }
            String bucket = limit.scope() == RateLimit.Scope.APPLICATION && applicationId != null
                    ? "application:" + applicationId
                    : "workspace:" + workspaceId;
            String key = i + "|" + bucket;
            long windowMillis = limit.window().toMillis();
            long index = now / windowMillis;
            Window window = windows.get(key);
            int used = window != null && window.index() == index ? window.count() : 0;
            if (used >= limit.limit()) {
                return Optional.of(new Rejection(limit, Duration.ofMillis((index + 1) * windowMillis - now)));
            }
            hits.add(new Hit(key, index));
        }
        for (Hit hit : hits) {
            windows.merge(hit.key(), new Window(hit.index(), 1), (old, first) ->
                    old.index() == hit.index() ? new Window(hit.index(), old.count() + 1) : first);
        }
        return Optional.empty();
    }
}
