package io.jenkins.plugins.buildstash.testing;

import io.jenkins.plugins.buildstash.api.Sleeper;
import io.jenkins.plugins.buildstash.emulator.MutableClock;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * Time that passes only when someone waits: a {@link Sleeper} that moves the emulator's {@link MutableClock} forward
 * instead of sleeping. Give the clock to the emulator ({@code EmulatorOptions.withClock}) and to the client, and the
 * sleeper to both sides of the upload; a 30-second storm then takes milliseconds, and the emulator's request log shows
 * when each request went out in that time.
 *
 * <p>Waits of threads running in parallel add up, so the clock runs ahead of what real time would show, never behind:
 * a request made after a wait is never stamped earlier than the wait's end.
 */
public final class VirtualTime implements Sleeper {

    private final MutableClock clock;
    private final List<Duration> waits = new CopyOnWriteArrayList<>();

    public VirtualTime(Instant start) {
        this.clock = new MutableClock(start);
    }

    public Clock clock() {
        return clock;
    }

    public Instant now() {
        return clock.instant();
    }

    @Override
    public void sleep(Duration duration) throws InterruptedException {
        if (Thread.interrupted()) {
            throw new InterruptedException();
        }
        waits.add(duration);
        if (!duration.isNegative()) {
            clock.advance(duration);
        }
    }

    public List<Duration> waits() {
        return List.copyOf(waits);
    }

    public Duration waited() {
        return waits.stream().reduce(Duration.ZERO, Duration::plus);
    }
}
