package io.jenkins.plugins.buildstash.emulator;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * The fixed vocabularies of the API. The request enums are the spec's (brief §9, gap G8): the 40 platforms, 20
 * architectures and 17 sources that only the documentation pages list are refused, because a client that sends them
 * cannot rely on the live service accepting them either.
 */
final class Catalog {

    /** A platform as the API shows it. */
    record Platform(String identifier, String name, String shortName, String uploadInstruction) {}

    /** An architecture as the API shows it. */
    record Architecture(String identifier, String name, String description) {}

    static final Map<String, Platform> PLATFORMS = platforms(
            "generic", "Generic", "Generic",
            "windows", "Windows", "Windows",
            "macos", "macOS", "macOS",
            "android", "Android", "Android",
            "ios", "iOS", "iOS",
            "quest", "Meta Quest", "Quest",
            "switch", "Nintendo Switch", "Switch",
            "switch2", "Nintendo Switch 2", "Switch 2",
            "ps5", "PlayStation 5", "PS5",
            "ps4", "PlayStation 4", "PS4",
            "xbox-series", "Xbox Series X|S", "Xbox",
            "vision-pro", "Apple Vision Pro", "visionOS",
            "pico", "Pico", "Pico",
            "wearos", "Wear OS", "Wear OS",
            "vive", "HTC Vive", "Vive",
            "homepod", "HomePod", "HomePod",
            "apple-tv", "Apple TV", "tvOS",
            "apple-watch", "Apple Watch", "watchOS",
            "freebsd", "FreeBSD", "FreeBSD",
            "openbsd", "OpenBSD", "OpenBSD",
            "linux", "Linux", "Linux",
            "debian", "Debian", "Debian",
            "redhat", "Red Hat", "Red Hat",
            "gentoo", "Gentoo", "Gentoo",
            "arch", "Arch Linux", "Arch",
            "playdate", "Playdate", "Playdate",
            "magic-leap", "Magic Leap", "Magic Leap",
            "zephyr", "Zephyr", "Zephyr",
            "roblox", "Roblox", "Roblox",
            "opensuse", "openSUSE", "openSUSE",
            "alpine", "Alpine Linux", "Alpine",
            "nixos", "NixOS", "NixOS",
            "slackware", "Slackware", "Slackware",
            "void", "Void Linux", "Void",
            "mageia", "Mageia", "Mageia",
            "kaios", "KaiOS", "KaiOS");

    static final Map<String, Architecture> ARCHITECTURES = architectures(
            "x86", "x86 (32-bit)", "x64", "x86-64 (64-bit)", "u2b", "Universal 2 Binary", "apple", "Apple Silicon",
            "ppc", "PowerPC", "ibmz", "IBM Z", "mips64", "MIPS64", "mips", "MIPS", "armv5", "ARMv5", "armv6", "ARMv6",
            "armv7", "ARMv7", "armv8", "ARMv8 (32-bit)", "arm64v8", "ARM64 (ARMv8)", "armv9", "ARMv9",
            "risc-v", "RISC-V", "risc-v64", "RISC-V 64", "msp430", "MSP430", "loongarch", "LoongArch",
            "ppc64", "PowerPC 64", "ia64", "IA-64 (Itanium)", "sparc", "SPARC", "alpha", "DEC Alpha", "vax", "VAX",
            "pdp11", "PDP-11", "sh1", "SuperH SH-1", "sh2", "SuperH SH-2", "sh3", "SuperH SH-3", "sh4", "SuperH SH-4",
            "680x0", "Motorola 680x0", "xtensa", "Xtensa", "nios", "Nios", "nios2", "Nios II", "niosv", "Nios V",
            "rx", "Renesas RX", "avr", "AVR", "8051", "Intel 8051", "z80", "Zilog Z80", "mipsx", "MIPS-X",
            "microblaze", "MicroBlaze");

    /**
     * Which architectures a platform supports is documented only by examples (brief §9.2). The one rule emulated is
     * the unambiguous one: {@code u2b} and {@code apple} are macOS-only.
     */
    static final Set<String> MACOS_ONLY_ARCHITECTURES = Set.of("u2b", "apple");

    static final Set<String> SOURCES = Set.of(
            "web-upload", "cli-upload", "ghactions", "jenkins", "unity-build", "gitlab-ci", "azure-devops", "circleci",
            "travisci", "appveyor", "teamcity", "bitbucket-pipelines", "bitrise", "codemagic", "buildkite",
            "google-cloud-build", "bamboo", "semaphore", "aws-codebuild", "abstruse", "cirrus-ci", "drone",
            "concourse");

    static final Set<String> VC_HOST_TYPES =
            Set.of("git", "svn", "hg", "perforce", "bzr", "fossil", "darcs", "cvs", "monotone", "diversion",
                    "unity-vc", "lore");

    static final Set<String> VC_HOSTS = Set.of(
            "github", "gitlab", "gitlab-self", "perforce", "bitbucket", "gitea", "forgejo", "gogs", "codeberg",
            "sourceforge", "sourcehut", "rhodecode", "unity-vc", "aws-codecommit", "azure-repos", "beanstalk",
            "assembla", "codebase", "bonobo-git", "phabricator", "launchpad", "onedev", "diversion", "tangled", "gitee",
            "allura", "tuleap", "trac", "pagure", "savanah-gnu", "savanah-non-gnu", "redmine", "kallithea", "cgit",
            "cgit-pink", "riouxsvn", "sliksvn", "project-locker");

    /** Platforms whose builds the live service processes after verify ({@code pending_processing: true}). */
    static final Set<String> PROCESSED_PLATFORMS = Set.of("ios", "android");

    private Catalog() {}

    static Platform platform(String identifier) {
        Platform platform = PLATFORMS.get(identifier);
        if (platform == null) {
            throw new IllegalArgumentException("unknown platform: " + identifier);
        }
        return platform;
    }

    /** The Content-Type a presigned PUT is signed for, by file extension; anything else is octet-stream. */
    private static final Map<String, String> CONTENT_TYPES = Map.of(
            ".apk", "application/vnd.android.package-archive",
            ".zip", "application/zip",
            ".json", "application/json",
            ".xml", "application/xml",
            ".txt", "text/plain",
            ".log", "text/plain",
            ".html", "text/html");

    static String contentType(String filename) {
        String lower = filename.toLowerCase(Locale.ROOT);
        int dot = lower.lastIndexOf('.');
        return dot < 0 ? "application/octet-stream"
                : CONTENT_TYPES.getOrDefault(lower.substring(dot), "application/octet-stream");
    }

    private static Map<String, Platform> platforms(String... triples) {
        Map<String, Platform> map = new LinkedHashMap<>();
        for (int i = 0; i < triples.length; i += 3) {
            String instruction = switch (triples[i]) {
                case "android" -> "Upload an .apk or .aab file, with an optional .obb expansion for an .apk.";
                case "ios" -> "Upload an .ipa file.";
                default -> null;
            };
            map.put(triples[i], new Platform(triples[i], triples[i + 1], triples[i + 2], instruction));
        }
        return Collections.unmodifiableMap(map);
    }

    private static Map<String, Architecture> architectures(String... pairs) {
        Map<String, Architecture> map = new LinkedHashMap<>();
        for (int i = 0; i < pairs.length; i += 2) {
            map.put(pairs[i], new Architecture(pairs[i], pairs[i + 1], null));
        }
        return Collections.unmodifiableMap(map);
    }
}
