package io.jenkins.plugins.buildstash.upload;

import io.jenkins.plugins.buildstash.api.Vocabulary;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * Checks an upload against the rules of {@code POST /upload/request} (brief §5.2) before anything is sent, so that a
 * typo fails at once with every problem listed, naming the option, the value and the rule, and never leaves a pending
 * upload behind.
 */
public final class UploadValidator {

    static final long MAX_FILE_BYTES = 500_000_000_000L;
    static final long MAX_METADATA_BYTES = 20L * 1024 * 1024;
    static final int MAX_METADATA_FILES = 10;
    static final int MAX_LABELS = 10;
    static final int MAX_ARCHITECTURES = 15;
    static final int MAX_NOTES = 1000;
    static final int MAX_NAME = 255;
    static final int MAX_DESCRIPTION = 255;

    private static final Pattern STREAM = Pattern.compile("[\\w\\-+]+");
    private static final Pattern SEMVER_PART = Pattern.compile("[a-zA-Z0-9\\-]+(\\.[a-zA-Z0-9\\-]+)*");
    private static final Pattern BUILD_NUMBER = Pattern.compile("[a-zA-Z0-9._-]*");

    private UploadValidator() {}

    private static int characters(String text) {
        return TextInputs.characters(text);
    }

    public static List<String> validate(UploadSpec spec) {
        List<String> problems = new ArrayList<>();
        checkFile(spec.primary(), "file", MAX_FILE_BYTES, problems);
        if (spec.expansion() != null) {
            checkFile(spec.expansion(), "expansionFile", MAX_FILE_BYTES, problems);
        }
        if (spec.metadata().size() > MAX_METADATA_FILES) {
            problems.add("metadataArtifacts matched " + spec.metadata().size() + " files; at most " + MAX_METADATA_FILES
                    + " are attached to one build");
        }
        for (MetadataFile m : spec.metadata()) {
            checkFile(m.file(), "metadataArtifacts", MAX_METADATA_BYTES, problems);
            if (m.description() != null && characters(m.description()) > MAX_DESCRIPTION) {
                problems.add("the description of metadata artifact " + m.file().name() + " is "
                        + characters(m.description()) + " characters long; Buildstash takes at most " + MAX_DESCRIPTION);
            }
        }
        checkExpansion(spec, spec.options(), problems);
        problems.addAll(options(spec.options()));
        return problems;
    }

    /** The problems of the options alone, every one of them. */
    public static List<String> options(UploadOptions o) {
        List<String> problems = new ArrayList<>();
        checkPlatform(o.platform(), problems);
        checkStream(o.stream(), problems);
        checkVersion(o, problems);
        checkPattern("versionExtra", o.versionExtra(), 25, SEMVER_PART, "ASCII letters, digits and '-', in dot-separated parts such as 'beta' or 'rc.1'", problems);
        checkPattern("versionMeta", o.versionMeta(), 64, SEMVER_PART, "ASCII letters, digits and '-', in dot-separated parts such as '2026.11.29'", problems);
        checkPattern("customBuildNumber", o.customBuildNumber(), 100, BUILD_NUMBER, "ASCII letters, digits, '.', '_' and '-'", problems);
        problems.addAll(labels(o.labels()));
        problems.addAll(architectures(o.architectures()));
        problems.addAll(notes(o.notes()));
        if (o.customTarget() != null && characters(o.customTarget()) > 20) {
            problems.add("customTarget '" + o.customTarget() + "' is " + characters(o.customTarget())
                    + " characters long; Buildstash takes at most 20");
        }
        return problems;
    }

    private static void checkFile(LocalFile file, String option, long max, List<String> problems) {
        if (file.size() == 0) {
            problems.add(option + " " + file.name() + " is empty (0 bytes); Buildstash takes files of 1 byte or more:"
                    + " check that the build wrote it");
        } else if (file.size() > max) {
            long over = file.size() - max;
            // Exact bytes on both sides: rounded, 1 byte over the limit would read as "20 MiB; at most 20 MiB".
            problems.add(option + " " + file.name() + " is " + file.size() + " bytes (" + Sizes.bytes(file.size())
                    + "), " + over + (over == 1 ? " byte" : " bytes") + " over the limit: Buildstash takes at most "
                    + max + " bytes (" + Sizes.bytes(max) + ") for it");
        }
        if (characters(file.name()) > MAX_NAME) {
            problems.add(option + " name '" + TextInputs.shortened(file.name(), 40) + "' is " + characters(file.name())
                    + " characters long; Buildstash takes at most " + MAX_NAME);
        }
        if (file.name().indexOf('/') >= 0 || file.name().indexOf('\0') >= 0) {
            problems.add(option + " name '" + file.name() + "' must be a plain file name, without '/'");
        }
    }

    /** Problems of one option alone, for form validation: empty when fine or unset. */
    public static List<String> platform(String value) {
        List<String> problems = new ArrayList<>();
        if (value != null && !value.isBlank()) {
            checkPlatform(value.trim(), problems);
        }
        return problems;
    }

    public static List<String> stream(String value) {
        List<String> problems = new ArrayList<>();
        if (value != null && !value.isBlank()) {
            checkStream(value.trim(), problems);
        }
        return problems;
    }

    public static List<String> architectures(List<String> values) {
        List<String> problems = new ArrayList<>();
        if (values.size() > MAX_ARCHITECTURES) {
            problems.add("architectures has " + values.size() + " entries; Buildstash takes at most " + MAX_ARCHITECTURES);
        }
        values.forEach(a -> checkKnown("architectures", a, Vocabulary.ARCHITECTURES, problems));
        return problems;
    }

    public static List<String> labels(List<String> values) {
        return values.size() > MAX_LABELS
                ? List.of("labels has " + values.size() + " entries; Buildstash takes at most " + MAX_LABELS)
                : List.of();
    }

    public static List<String> notes(String value) {
        return value != null && characters(value) > MAX_NOTES
                ? List.of("notes is " + characters(value) + " characters long; Buildstash takes at most " + MAX_NOTES)
                : List.of();
    }

    /**
     * Buildstash takes an expansion file only as an Android OBB beside an APK (brief §5.5 and the file types of §9.5);
     * anything else is refused here, before a pending upload exists, naming both files.
     */
    private static void checkExpansion(UploadSpec spec, UploadOptions o, List<String> problems) {
        if (spec.expansion() == null) {
            return;
        }
        String primary = spec.primary().name();
        String expansion = spec.expansion().name();
        boolean apk = primary.toLowerCase(Locale.ROOT).endsWith(".apk");
        boolean obb = expansion.toLowerCase(Locale.ROOT).endsWith(".obb");
        if (!"android".equals(o.platform()) || !apk || !obb) {
            problems.add("expansionFile " + expansion + " cannot go with file " + primary
                    + (o.platform() == null ? "" : " on platform '" + o.platform() + "'")
                    + ": Buildstash takes an expansion file only as an Android OBB (.obb) beside an APK (.apk) on platform"
                    + " 'android'. Remove expansionFile, or upload the OBB with its APK");
        }
    }

    public static List<String> versionComponent(String option, Integer value) {
        return value != null && (value < 0 || value > 9999)
                ? List.of(option + " is " + value + "; it must be a whole number from 0 to 9999")
                : List.of();
    }

    private static void checkPlatform(String platform, List<String> problems) {
        if (platform == null) {
            problems.add("platform is required: one of Buildstash's platform identifiers such as 'android', 'ios',"
                    + " 'windows', 'macos', 'linux' or 'generic'");
            return;
        }
        checkKnown("platform", platform, Vocabulary.PLATFORMS, problems);
    }

    private static void checkKnown(String option, String value, Set<String> known, List<String> problems) {
        if (!known.contains(value)) {
            String hint = Vocabulary.closest(value.toLowerCase(Locale.ROOT), known);
            problems.add(option + " '" + value + "' is not a Buildstash identifier"
                    + (hint == null ? "" : ": did you mean '" + hint + "'?"));
        }
    }

    private static void checkStream(String stream, List<String> problems) {
        if (stream == null) {
            problems.add("stream is required: the name of an existing stream of the application, such as 'production'");
        } else if (characters(stream) > 12) {
            problems.add("stream '" + stream + "' is " + characters(stream) + " characters long; Buildstash stream names"
                    + " have at most 12");
        } else if (!STREAM.matcher(stream).matches()) {
            problems.add("stream '" + stream + "' may only contain ASCII letters, digits, '_', '-' and '+'");
        }
    }

    private static void checkVersion(UploadOptions o, List<String> problems) {
        Integer[] parts = {o.versionMajor(), o.versionMinor(), o.versionPatch()};
        String[] names = {"versionMajor", "versionMinor", "versionPatch"};
        boolean complete = true;
        for (int i = 0; i < 3; i++) {
            if (parts[i] == null) {
                problems.add(names[i] + " is required: a whole number from 0 to 9999");
                complete = false;
            } else if (!versionComponent(names[i], parts[i]).isEmpty()) {
                problems.addAll(versionComponent(names[i], parts[i]));
                complete = false;
            }
        }
        if (complete && parts[0] == 0 && parts[1] == 0 && parts[2] == 0) {
            problems.add("version 0.0.0 is not accepted: at least one of versionMajor, versionMinor and versionPatch"
                    + " must be above 0");
        }
    }

    private static void checkPattern(String option, String value, int maxLength, Pattern pattern, String allowed,
            List<String> problems) {
        if (value == null) {
            return;
        }
        if (characters(value) > maxLength) {
            problems.add(option + " '" + value + "' is " + characters(value) + " characters long; Buildstash takes at most "
                    + maxLength);
        } else if (!pattern.matcher(value).matches()) {
            problems.add(option + " '" + value + "' may only contain " + allowed);
        }
    }
}
