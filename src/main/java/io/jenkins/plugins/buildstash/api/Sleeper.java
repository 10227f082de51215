package io.jenkins.plugins.buildstash.api;

import java.time.Duration;

/** Waits between attempts. Injected so that tests take milliseconds; an interrupt ends the wait at once. */
@FunctionalInterface
public interface Sleeper {

    void sleep(Duration duration) throws InterruptedException;

    Sleeper SYSTEM = duration -> {
        if (!duration.isNegative() && !duration.isZero()) {
            Thread.sleep(duration.toMillis(), duration.toNanosPart() % 1_000_000);
        }
    };
}
