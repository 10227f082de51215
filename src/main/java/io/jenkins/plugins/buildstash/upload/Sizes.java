package io.jenkins.plugins.buildstash.upload;

import java.util.Locale;

/** Human-readable sizes, rates and durations for log lines (binary units, as storage consoles show them). */
public final class Sizes {

    private static final String[] UNITS = {"B", "KiB", "MiB", "GiB", "TiB"};

    private Sizes() {}

    public static String bytes(long bytes) {
        if (bytes < 1024) {
            return bytes + " B";
        }
        double value = bytes;
        int unit = 0;
        while (value >= 1024 && unit < UNITS.length - 1) {
            value /= 1024;
            unit++;
        }
        return String.format(Locale.ROOT, value >= 100 ? "%.0f %s" : "%.2f %s", value, UNITS[unit]).replace(".00 ", " ");
    }

    public static String rate(long bytes, long millis) {
        return millis <= 0 ? "-" : bytes((long) (bytes * 1000.0 / millis)) + "/s";
    }

    public static String duration(long millis) {
        if (millis < 10_000) {
            return String.format(Locale.ROOT, "%.1f s", millis / 1000.0);
        }
        long s = Math.round(millis / 1000.0);
        return s < 120 ? s + " s" : s < 7200 ? (s / 60) + " min " + (s % 60) + " s" : (s / 3600) + " h " + (s % 3600 / 60) + " min";
    }
}
