package io.jenkins.plugins.buildstash.api;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import org.junit.jupiter.api.Test;

class RetryAfterTest {

    private final Clock clock = Clock.fixed(Instant.parse("2026-11-29T10:00:00Z"), ZoneOffset.UTC);

    @Test
    void readsDelaySeconds() {
        assertThat(RetryAfter.parse("30", null, clock)).isEqualTo(Duration.ofSeconds(30));
        assertThat(RetryAfter.parse(" 0 ", null, clock)).isEqualTo(Duration.ZERO);
    }

    @Test
    void readsAnImfFixdateAgainstTheLocalClock() {
        assertThat(RetryAfter.parse("Sun, 29 Nov 2026 10:00:12 GMT", null, clock)).isEqualTo(Duration.ofSeconds(12));
    }

    @Test
    void readsTheObsoleteDateFormsRfc9110StillAllows() {
        assertThat(RetryAfter.parse("Sunday, 29-Nov-26 10:00:05 GMT", null, clock)).isEqualTo(Duration.ofSeconds(5));
        assertThat(RetryAfter.parse("Sun Nov 29 10:00:07 2026", null, clock)).isEqualTo(Duration.ofSeconds(7));
    }

    @Test
    void measuresADateAgainstTheServersDateHeaderToResistClockSkew() {
        // The server's clock is 1 h behind ours: it still means "20 s from now".
        assertThat(RetryAfter.parse("Sun, 29 Nov 2026 09:00:20 GMT", "Sun, 29 Nov 2026 09:00:00 GMT", clock))
                .isEqualTo(Duration.ofSeconds(20));
    }

    @Test
    void aDateInThePastMeansNoWait() {
        assertThat(RetryAfter.parse("Sun, 29 Nov 2026 09:59:00 GMT", null, clock)).isEqualTo(Duration.ZERO);
    }

    @Test
    void absentOrGarbageMeansUseTheNormalBackoff() {
        assertThat(RetryAfter.parse(null, null, clock)).isNull();
        assertThat(RetryAfter.parse("", null, clock)).isNull();
        assertThat(RetryAfter.parse("soon", null, clock)).isNull();
        assertThat(RetryAfter.parse("-5", null, clock)).isNull();
    }
}
