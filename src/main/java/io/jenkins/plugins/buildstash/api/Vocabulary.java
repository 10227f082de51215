package io.jenkins.plugins.buildstash.api;

import java.util.Set;

/**
 * The values Buildstash documents for its enumerated fields (brief §9). The spec's request enums and the
 * documentation's data pages differ (gap G8); both sets are accepted here, so that a value the server takes is never
 * refused by us, while a typo is caught before anything is created.
 */
public final class Vocabulary {

    private Vocabulary() {}

    public static final Set<String> PLATFORMS = Set.of(
            // spec enum
            "generic", "windows", "macos", "android", "ios", "quest", "switch", "switch2", "ps5", "ps4", "xbox-series",
            "vision-pro", "pico", "wearos", "vive", "homepod", "apple-tv", "apple-watch", "freebsd", "openbsd", "linux",
            "debian", "redhat", "gentoo", "arch", "playdate", "magic-leap", "zephyr", "roblox", "opensuse", "alpine",
            "nixos", "slackware", "void", "mageia", "kaios",
            // documentation only
            "fitbit", "pebble", "harmonyos", "sailfish", "webos", "tizen", "titan", "roku", "netbsd", "illumos",
            "solaris", "haiku", "aix", "hp-ux", "web-game", "freertos", "vxworks", "integrity", "qnx", "rtems",
            "threadx", "micrium", "contiki", "tinyos", "nucleus", "lynxos", "embos", "mynewt", "rtthread", "mbed",
            "riot", "hubris", "tock", "pike", "px5", "phantom", "nuttx", "ecos", "chibios", "erika");

    public static final Set<String> ARCHITECTURES = Set.of(
            // spec enum
            "x86", "x64", "u2b", "apple", "ppc", "ibmz", "mips64", "mips", "armv5", "armv6", "armv7", "armv8",
            "arm64v8", "armv9", "risc-v", "risc-v64", "msp430", "loongarch", "ppc64", "ia64", "sparc", "alpha", "vax",
            "pdp11", "sh1", "sh2", "sh3", "sh4", "680x0", "xtensa", "nios", "nios2", "niosv", "rx", "avr", "8051",
            "z80", "mipsx", "microblaze",
            // documentation only
            "armv6-m", "armv7-m", "armv7e-m", "armv8-m-bl", "armv8-m-ml", "armv81-m", "armv7-r", "armv8-r", "power6",
            "power7", "power8", "power9", "power10", "pa-risc", "blackfin", "arc-v1", "arc-v2", "arc-v3", "arc-v",
            "coldfire");

    public static final Set<String> VC_HOST_TYPES = Set.of(
            "git", "svn", "hg", "perforce", "bzr", "fossil", "darcs", "cvs", "monotone", "diversion", "unity-vc", "lore");

    public static final Set<String> VC_HOSTS = Set.of(
            "github", "gitlab", "gitlab-self", "perforce", "bitbucket", "gitea", "forgejo", "gogs", "codeberg",
            "sourceforge", "sourcehut", "rhodecode", "unity-vc", "aws-codecommit", "azure-repos", "beanstalk",
            "assembla", "codebase", "bonobo-git", "phabricator", "launchpad", "onedev", "diversion", "tangled", "gitee",
            "allura", "tuleap", "trac", "pagure", "savanah-gnu", "savanah-non-gnu", "redmine", "kallithea", "cgit",
            "cgit-pink", "riouxsvn", "sliksvn", "project-locker");

    /** The closest known value within two edits, for "did you mean" hints; null when nothing is close. */
    public static String closest(String value, Set<String> known) {
        String best = null;
        int bestDistance = Integer.MAX_VALUE;
        for (String candidate : known) {
            int d = distance(value, candidate);
            boolean better = d < bestDistance || d == bestDistance && candidate.compareTo(best) < 0;
            if (d <= 2 && better) {
                best = candidate;
                bestDistance = d;
            }
        }
        return best;
    }

    private static int distance(String a, String b) {
        int[] prev = new int[b.length() + 1];
        int[] cur = new int[b.length() + 1];
        for (int j = 0; j <= b.length(); j++) {
            prev[j] = j;
        }
        for (int i = 1; i <= a.length(); i++) {
            cur[0] = i;
            for (int j = 1; j <= b.length(); j++) {
                int cost = a.charAt(i - 1) == b.charAt(j - 1) ? 0 : 1;
                cur[j] = Math.min(Math.min(cur[j - 1] + 1, prev[j] + 1), prev[j - 1] + cost);
            }
            int[] t = prev;
            prev = cur;
            cur = t;
        }
        return prev[b.length()];
    }
}
