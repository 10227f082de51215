package io.jenkins.plugins.buildstash.release;

import io.jenkins.plugins.buildstash.api.Sleeper;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;

/**
 * Spaces calls to the download route: each {@link #await()} returns at least {@code interval} after the previous one
 * returned. Buildstash allows 30 download calls a minute per application and 60 per workspace (brief §6), so the
 * default of 2 s keeps one download within both without ever being refused; 429 answers, from other jobs sharing the
 * limit, are still waited out as the server asks ({@code Retry-After}) by the client's retry policy.
 */
public final class Pacer {

    /** 60 s / 30 calls: the per-application download limit. */
    public static final Duration DEFAULT_INTERVAL = Duration.ofSeconds(2);

    private final Duration interval;
    private final Clock clock;
    private final Sleeper sleeper;
    private Instant last;

    public Pacer(Duration interval, Clock clock, Sleeper sleeper) {
        if (interval.isNegative()) {
            throw new IllegalArgumentException("The pacing interval must not be negative");
        }
        this.interval = interval;
        this.clock = clock;
        this.sleeper = sleeper;
    }

    /** {@link #DEFAULT_INTERVAL} in real time. */
    public static Pacer standard() {
        return new Pacer(DEFAULT_INTERVAL, Clock.systemUTC(), Sleeper.SYSTEM);
    }

    public Duration interval() {
        return interval;
    }

    /** Waits until the next call may go; an interrupt ends the wait at once. */
    public synchronized void await() throws InterruptedException {
        if (last != null && !interval.isZero()) {
            Duration wait = Duration.between(clock.instant(), last.plus(interval));
            // A clock set back must not stretch the wait beyond one interval.
            if (wait.compareTo(interval) > 0) {
                wait = interval;
            }
            if (!wait.isNegative() && !wait.isZero()) {
                sleeper.sleep(wait);
            }
        }
        last = clock.instant();
    }
}
