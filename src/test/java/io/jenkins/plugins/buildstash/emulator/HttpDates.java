package io.jenkins.plugins.buildstash.emulator;

import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.Locale;

/** IMF-fixdate (RFC 9110 §5.6.7), the one HTTP-date form a server may send. */
final class HttpDates {

    /**
     * {@link DateTimeFormatter#RFC_1123_DATE_TIME} is not usable: it writes a one-digit day ("Sat, 1 Nov"), which
     * IMF-fixdate forbids.
     */
    private static final DateTimeFormatter IMF_FIXDATE =
            DateTimeFormatter.ofPattern("EEE, dd MMM yyyy HH:mm:ss 'GMT'", Locale.US).withZone(ZoneOffset.UTC);

    private HttpDates() {}

    static String format(Instant instant) {
        return IMF_FIXDATE.format(instant);
    }

    static Instant parse(String text) {
        return Instant.from(IMF_FIXDATE.parse(text));
    }
}
