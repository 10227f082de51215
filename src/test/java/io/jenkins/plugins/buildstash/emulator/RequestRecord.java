package io.jenkins.plugins.buildstash.emulator;

import java.time.Duration;
import java.time.Instant;

/**
 * One request the emulator served: method, path without its query string (presigned signatures stay out), route name
 * ({@code "unmatched"} when none), status ({@code 0} when the connection was reset or dropped instead of answered) and
 * duration, and the {@code Retry-After} the answer carried (null when none), so that a test can check a client waited
 * as long as it was told. Keys are never recorded.
 */
public record RequestRecord(
        Instant at, String method, String path, String route, int status, Duration duration, String retryAfter) {}
