package io.jenkins.plugins.buildstash.release;

import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;

/**
 * Where downloaded files go: {@code <targetFolder>/<platform>/<filename>}, relative to the workspace, so that a deploy
 * pipeline knows each path in advance. The folder follows the workspace rules of file selection (relative, no
 * {@code ..}); file and platform names come from Buildstash and are untrusted: each must be one plain name.
 */
public final class TargetLayout {

    public static final String DEFAULT_FOLDER = "buildstash-release";

    private static final Pattern DRIVE = Pattern.compile("[A-Za-z]:.*", Pattern.DOTALL);

    private TargetLayout() {}

    /**
     * The {@code targetFolder} option as a relative path with {@code /} separators, {@code ""} for the workspace
     * itself; the default when blank. Only the text is checked here: links are checked where the files are written.
     */
    public static String folder(String option) throws ReleaseException {
        List<String> problems = folderProblems(option);
        if (!problems.isEmpty()) {
            throw new ReleaseException(problems.get(0));
        }
        List<String> names = new ArrayList<>();
        for (String name : text(option).replace('\\', '/').split("/")) {
            if (!name.isEmpty() && !name.equals(".")) {
                names.add(name);
            }
        }
        return String.join("/", names);
    }

    /** What is wrong with a {@code targetFolder} option, for the run and for form validation; empty when fine. */
    public static List<String> folderProblems(String option) {
        String text = text(option);
        String normalised = text.replace('\\', '/');
        if (normalised.startsWith("/") || DRIVE.matcher(normalised).matches()) {
            return List.of("targetFolder '" + printable(text) + "' is an absolute path; give a folder relative to the"
                    + " workspace, such as '" + DEFAULT_FOLDER + "': files are only written inside the workspace");
        }
        if (hasControl(text)) {
            return List.of("targetFolder '" + printable(text) + "' contains control characters");
        }
        for (String name : normalised.split("/")) {
            if (name.equals("..")) {
                return List.of("targetFolder '" + printable(text) + "' contains '..'; the folder must stay inside the"
                        + " workspace");
            }
        }
        return List.of();
    }

    /**
     * Checks a name from Buildstash that becomes one path name (a file name or a platform's folder).
     *
     * @param kind "file name" or "platform name", for the message
     * @param owner the build it belongs to, e.g. "build 'b1' (android 2.3.0)"
     * @throws ReleaseException naming the build and the name, saying it was refused
     */
    public static String checkName(String name, String kind, String owner) throws ReleaseException {
        String problem = problem(name);
        if (problem != null) {
            throw new ReleaseException("Refused the " + kind + " '" + printable(name) + "' of " + owner + ": " + problem
                    + ". Names from Buildstash must be plain names; nothing was written for it");
        }
        return name;
    }

    /** The path of a file from the workspace, with {@code /} separators: {@code folder/platform/name}. */
    public static String relative(String folder, String platform, String name) {
        return (folder.isEmpty() ? "" : folder + "/") + platform + "/" + name;
    }

    /** Why a name from Buildstash may not be used as one path name, or null when it may. */
    static String problem(String name) {
        if (name == null || name.isEmpty()) {
            return "it is empty";
        }
        if (name.indexOf('/') >= 0 || name.indexOf('\\') >= 0) {
            return "it contains a path separator, so it could leave the target folder";
        }
        if (hasControl(name)) {
            return "it contains NUL or other control characters";
        }
        if (name.equals(".") || name.equals("..")) {
            return "it names a directory, not a file, and could leave the target folder";
        }
        if (DRIVE.matcher(name).matches()) {
            return "it starts with a drive letter, which makes it an absolute path on Windows";
        }
        return null;
    }

    /** Control characters shown as {@code \u0000}, so that a message never carries them into the log. */
    static String printable(String text) {
        if (text == null) {
            return "(none)";
        }
        StringBuilder s = new StringBuilder();
        text.codePoints().forEach(c -> {
            if (Character.isISOControl(c)) {
                s.append(String.format(java.util.Locale.ROOT, "\\u%04x", c));
            } else {
                s.appendCodePoint(c);
            }
        });
        return s.toString();
    }

    private static boolean hasControl(String text) {
        return text.codePoints().anyMatch(Character::isISOControl);
    }

    private static String text(String option) {
        return option == null || option.isBlank() ? DEFAULT_FOLDER : option.strip();
    }
}
