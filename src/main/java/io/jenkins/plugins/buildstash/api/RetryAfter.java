package io.jenkins.plugins.buildstash.api;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.List;
import java.util.Locale;

/**
 * Parses {@code Retry-After} (RFC 9110 §10.2.3): delay-seconds or an HTTP-date in any of the three forms RFC 9110 §5.6.7
 * allows. A date is measured against the response's own {@code Date} header when there is one, so a skewed local clock
 * does not stretch or shrink the wait.
 */
public final class RetryAfter {

    private static final List<DateTimeFormatter> HTTP_DATES = List.of(
            DateTimeFormatter.RFC_1123_DATE_TIME, // IMF-fixdate: Sun, 06 Nov 1994 08:49:37 GMT
            DateTimeFormatter.ofPattern("EEEE, dd-MMM-yy HH:mm:ss zzz", Locale.US), // obsolete RFC 850
            DateTimeFormatter.ofPattern("EEE MMM ppd HH:mm:ss yyyy", Locale.US).withZone(java.time.ZoneOffset.UTC)); // asctime

    private RetryAfter() {}

    /**
     * @param value the header value, or null
     * @param dateHeader the response's {@code Date} header, or null
     * @return the wait, zero for a date in the past, or null when absent or unparseable (then normal backoff applies)
     */
    public static Duration parse(String value, String dateHeader, Clock clock) {
        if (value == null || value.isBlank()) {
            return null;
        }
        String v = value.trim();
        if (v.chars().allMatch(Character::isDigit)) {
            try {
                return Duration.ofSeconds(Long.parseLong(v));
            } catch (NumberFormatException tooLarge) {
                return Duration.ofSeconds(Long.MAX_VALUE / 1_000_000_000L);
            }
        }
        Instant at = httpDate(v);
        if (at == null) {
            return null;
        }
        Instant now = dateHeader == null ? null : httpDate(dateHeader.trim());
        Duration wait = Duration.between(now == null ? clock.instant() : now, at);
        return wait.isNegative() ? Duration.ZERO : wait;
    }

    private static Instant httpDate(String text) {
        for (DateTimeFormatter format : HTTP_DATES) {
            try {
                return ZonedDateTime.parse(text, format).toInstant();
            } catch (DateTimeParseException e) {
                // try the next form
            }
        }
        return null;
    }
}
