package io.jenkins.plugins.buildstash.release;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.jenkins.plugins.buildstash.api.Sleeper;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class PacerTest {

    private final ReleaseFixture.SteppedClock clock = new ReleaseFixture.SteppedClock(Instant.parse("2026-11-02T09:00:00Z"));
    private final List<Duration> sleeps = new ArrayList<>();
    /** Sleeping moves the clock, as real sleeping would. */
    private final Sleeper sleeper = d -> {
        sleeps.add(d);
        clock.advance(d);
    };

    @Test
    void theFirstCallGoesAtOnceAndEachNextOneAnIntervalAfterThePrevious() throws Exception {
        Pacer pacer = new Pacer(Duration.ofSeconds(2), clock, sleeper);

        pacer.await();
        clock.advance(Duration.ofMillis(500));
        pacer.await();
        pacer.await();

        assertThat(sleeps).containsExactly(Duration.ofMillis(1500), Duration.ofSeconds(2));
    }

    @Test
    void aCallAfterTheIntervalHasPassedDoesNotWait() throws Exception {
        Pacer pacer = new Pacer(Duration.ofSeconds(2), clock, sleeper);

        pacer.await();
        clock.advance(Duration.ofSeconds(3));
        pacer.await();

        assertThat(sleeps).isEmpty();
    }

    @Test
    void aClockSetBackNeverStretchesTheWaitBeyondOneInterval() throws Exception {
        Pacer pacer = new Pacer(Duration.ofSeconds(2), clock, sleeper);

        pacer.await();
        clock.advance(Duration.ofHours(-1));
        pacer.await();

        assertThat(sleeps).containsExactly(Duration.ofSeconds(2));
    }

    @Test
    void aZeroIntervalNeverWaits() throws Exception {
        Pacer pacer = new Pacer(Duration.ZERO, clock, sleeper);

        for (int i = 0; i < 5; i++) {
            pacer.await();
        }

        assertThat(sleeps).isEmpty();
    }

    @Test
    void theDefaultKeepsToThirtyCallsAMinute() {
        assertThat(Pacer.standard().interval()).isEqualTo(Duration.ofSeconds(2));
        assertThat(Duration.ofMinutes(1).dividedBy(Pacer.DEFAULT_INTERVAL)).isEqualTo(30);
    }

    @Test
    void anInterruptEndsTheWait() throws Exception {
        Pacer pacer = new Pacer(Duration.ofSeconds(2), clock, d -> {
            throw new InterruptedException("build aborted");
        });
        pacer.await();

        assertThatThrownBy(pacer::await).isInstanceOf(InterruptedException.class);
    }

    @Test
    void aNegativeIntervalIsRefused() {
        assertThatThrownBy(() -> new Pacer(Duration.ofSeconds(-1), clock, sleeper))
                .isInstanceOf(IllegalArgumentException.class);
    }
}
