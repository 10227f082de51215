package io.jenkins.plugins.buildstash.emulator;

import java.util.Comparator;

/** A semantic version as builds and releases carry it: major.minor.patch, an optional pre-release and metadata. */
record Version(int major, int minor, int patch, String extra, String meta) implements Comparable<Version> {

    /** Orders by major.minor.patch only ({@code sort_by=version_short}). */
    static final Comparator<Version> BY_CORE =
            Comparator.comparingInt(Version::major).thenComparingInt(Version::minor).thenComparingInt(Version::patch);

    /** Parses {@code 1.2.3}, {@code 1.2.3-beta.1} or {@code 1.2.3-rc+2025.07.30}. */
    static Version parse(String text) {
        String rest = text;
        String meta = null;
        int plus = rest.indexOf('+');
        if (plus >= 0) {
            meta = rest.substring(plus + 1);
            rest = rest.substring(0, plus);
        }
        String extra = null;
        int dash = rest.indexOf('-');
        if (dash >= 0) {
            extra = rest.substring(dash + 1);
            rest = rest.substring(0, dash);
        }
        String[] core = rest.split("\\.");
        if (core.length != 3) {
            throw new IllegalArgumentException("not a major.minor.patch version: " + text);
        }
        return new Version(
                Integer.parseInt(core[0]), Integer.parseInt(core[1]), Integer.parseInt(core[2]), extra, meta);
    }

    /** The full version string, e.g. {@code 1.2.3-beta+42}. */
    String full() {
        return core() + (extra == null ? "" : "-" + extra) + (meta == null ? "" : "+" + meta);
    }

    /** {@code major.minor.patch}. */
    String core() {
        return major + "." + minor + "." + patch;
    }

    /** Semantic-versioning precedence: a pre-release sorts before its release; metadata is ignored. */
    @Override
    public int compareTo(Version other) {
        int byCore = BY_CORE.compare(this, other);
        if (byCore != 0) {
            return byCore;
        }
        if (extra == null || other.extra == null) {
            return extra == null ? (other.extra == null ? 0 : 1) : -1;
        }
        String[] mine = extra.split("\\.");
        String[] theirs = other.extra.split("\\.");
        for (int i = 0; i < Math.min(mine.length, theirs.length); i++) {
            int c = compareIdentifier(mine[i], theirs[i]);
            if (c != 0) {
                return c;
            }
        }
        return Integer.compare(mine.length, theirs.length);
    }

    private static int compareIdentifier(String a, String b) {
        boolean aNumeric = a.chars().allMatch(Character::isDigit);
        boolean bNumeric = b.chars().allMatch(Character::isDigit);
        if (aNumeric && bNumeric) {
            return new java.math.BigInteger(a).compareTo(new java.math.BigInteger(b));
        }
        if (aNumeric != bNumeric) {
            return aNumeric ? -1 : 1;
        }
        return a.compareTo(b);
    }
}
