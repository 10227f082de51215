package io.jenkins.plugins.buildstash.emulator;

import java.time.Duration;
import java.time.Instant;
import java.util.Optional;

/**
 * The {@code Retry-After} header of a 429 or 503: delay-seconds, an HTTP-date (IMF-fixdate), any raw text (to test a
 * client against garbage), or none at all. The API documents no such header (brief G15), so clients must cope with
 * every form.
 */
public sealed interface RetryAfter {

    /** How the rate limiter writes its {@code Retry-After}. */
    enum Style {
        SECONDS,
        HTTP_DATE,
        NONE;

        RetryAfter forWait(Duration wait) {
            return switch (this) {
                case SECONDS -> seconds(Math.max(1, (wait.toMillis() + 999) / 1000));
                case HTTP_DATE -> httpDate(wait);
                case NONE -> none();
            };
        }
    }

    /** The header value to send at {@code now}, or empty for no header. */
    Optional<String> headerValue(Instant now);

    static RetryAfter none() {
        return new None();
    }

    static RetryAfter seconds(long seconds) {
        return new Seconds(seconds);
    }

    /** An HTTP-date {@code fromNow} after the emulator's clock (a negative duration gives a date in the past). */
    static RetryAfter httpDate(Duration fromNow) {
        return new HttpDate(fromNow);
    }

    /** A header value sent verbatim, e.g. {@code "soon"}. */
    static RetryAfter raw(String value) {
        return new Raw(value);
    }

    record None() implements RetryAfter {
        @Override
        public Optional<String> headerValue(Instant now) {
            return Optional.empty();
        }
    }

    record Seconds(long seconds) implements RetryAfter {
        @Override
        public Optional<String> headerValue(Instant now) {
            return Optional.of(Long.toString(seconds));
        }
    }

    record HttpDate(Duration fromNow) implements RetryAfter {
        @Override
        public Optional<String> headerValue(Instant now) {
            // HTTP-dates have whole seconds: round up so that the date is never earlier than asked for.
            Instant when = now.plus(fromNow);
            Instant rounded = when.getNano() == 0 ? when : when.truncatedTo(java.time.temporal.ChronoUnit.SECONDS).plusSeconds(1);
            return Optional.of(HttpDates.format(rounded));
        }
    }

    record Raw(String value) implements RetryAfter {
        @Override
        public Optional<String> headerValue(Instant now) {
            return Optional.of(value);
        }
    }
}
