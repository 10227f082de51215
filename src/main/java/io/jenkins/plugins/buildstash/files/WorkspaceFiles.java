package io.jenkins.plugins.buildstash.files;

import io.jenkins.plugins.buildstash.upload.LocalFile;
import java.io.IOException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Chooses the files of a workspace that a step option names with Ant-style patterns, the way {@code archiveArtifacts}
 * does: relative to the workspace, {@code /} or {@code \} as separators, {@code **} for any directories, {@code *} and
 * {@code ?} within a name, a trailing separator for everything below, several patterns separated by commas, and Ant's
 * default excludes ({@link DefaultExcludes}). {@code AntDifferentialTest} holds it to what Ant's
 * {@code DirectoryScanner} selects as Jenkins sets it up.
 *
 * <p>Nothing outside the workspace is ever chosen: absolute paths and {@code ..} are refused, and so is a symbolic link
 * (to the file or a directory on its way) whose real path is outside. Links that stay inside are followed and the file
 * is reported at its real path. Every refusal is a {@link FileSelectionException} whose message names the option, the
 * pattern and what to do.
 *
 * <p>Runs where the workspace is, so on an agent for a remote workspace.
 */
public final class WorkspaceFiles {

    /** How many paths a message lists before it just counts the rest. */
    private static final int LISTED = 10;

    private static final String EXAMPLE = "'build/outputs/**/*.apk'";

    private WorkspaceFiles() {}

    /**
     * Resolves an Ant-style pattern (or a comma-separated list) to exactly one regular file under {@code root}.
     *
     * @param option the user-facing option name for messages, e.g. {@code file} or {@code expansionFile}
     * @throws FileSelectionException when nothing or several files match, or the one match may not be uploaded
     */
    public static LocalFile resolveOne(Path root, String pattern, String option) throws FileSelectionException {
        Selection selection = select(root, pattern, option);
        List<WorkspaceScan.Match> matches = selection.matches;
        if (matches.isEmpty() && !selection.directoriesNamed.isEmpty()) {
            throw new FileSelectionException(selection.directoriesNamed.get(0));
        }
        if (matches.isEmpty()) {
            throw new FileSelectionException(selection.noMatchMessage());
        }
        if (matches.size() > 1) {
            throw new FileSelectionException(option + " '" + selection.text + "' matches " + matches.size()
                    + " files, but exactly one is needed" + (matches.size() > LISTED ? "; the first " + LISTED + ": " : ": ")
                    + String.join(", ", matches.stream().limit(LISTED).map(WorkspaceScan.Match::relative).toList())
                    + ". Narrow the pattern, e.g. with the directory or the full name of the file to upload");
        }
        return selection.upload(matches.get(0));
    }

    /**
     * Resolves one or more comma-separated Ant-style patterns to the matching regular files, possibly none, sorted by
     * their path from the workspace, each file once (also when several patterns or links reach it).
     *
     * @param option the user-facing option name for messages
     * @throws FileSelectionException when a pattern is malformed, or a match may not be uploaded
     */
    public static List<LocalFile> resolveAll(Path root, String patterns, String option) throws FileSelectionException {
        Selection selection = select(root, patterns, option);
        List<LocalFile> files = new ArrayList<>();
        for (WorkspaceScan.Match match : selection.matches) {
            files.add(selection.upload(match));
        }
        return files;
    }

    /**
     * What a run would refuse in these patterns before it looks at any file (blank, absolute, {@code ..}), in the
     * words the run uses: form checks show it, so that the form and the build say the same.
     *
     * @return the problem, or an empty list when the patterns are well formed
     */
    public static List<String> patternProblems(String patterns, String option) {
        try {
            parse(patterns, option);
            return List.of();
        } catch (FileSelectionException e) {
            return List.of(e.getMessage());
        }
    }

    private static List<AntPattern> parse(String patterns, String option) throws FileSelectionException {
        List<AntPattern> parsed = new ArrayList<>();
        // Split and trimmed as Jenkins' Util.createFileSet does for archiveArtifacts.
        for (String one : patterns == null ? new String[0] : patterns.split(",")) {
            if (!one.trim().isEmpty()) {
                parsed.add(AntPattern.parse(one, option));
            }
        }
        if (parsed.isEmpty()) {
            throw new FileSelectionException(option + " is required: an Ant-style pattern such as " + EXAMPLE);
        }
        return parsed;
    }

    private static Selection select(Path root, String patterns, String option) throws FileSelectionException {
        List<AntPattern> parsed = parse(patterns, option);
        String text = patterns.trim();
        Path workspace = root.toAbsolutePath();
        if (!Files.isDirectory(workspace)) {
            throw new FileSelectionException(option + " '" + text + "' cannot be looked up: the workspace " + workspace
                    + (Files.exists(workspace) ? " is not a directory" : " does not exist on this machine")
                    + ". Run the step on the node that built the files, after building them");
        }
        Selection selection;
        try {
            selection = new Selection(workspace, workspace.toRealPath(), text, option);
            for (AntPattern pattern : parsed) {
                selection.add(pattern, parsed);
            }
        } catch (FileSelectionException e) {
            throw e;
        } catch (java.nio.file.InvalidPathException e) {
            throw new FileSelectionException(option + " '" + text + "' is not a valid path on this machine: "
                    + e.getReason() + " ('" + e.getInput() + "')");
        } catch (IOException e) {
            throw new FileSelectionException(option + " '" + text + "' could not be looked up in the workspace "
                    + workspace + ": " + e);
        }
        selection.sortAndDeduplicate();
        return selection;
    }

    /** The files a set of patterns reached in one workspace, and what was skipped on the way. */
    private static final class Selection {
        final Path workspace;
        final Path workspaceReal;
        final String text;
        final String option;
        final List<AntPattern> patterns = new ArrayList<>();
        List<WorkspaceScan.Match> matches = new ArrayList<>();
        final List<String> notSearched = new ArrayList<>();
        /** What to say for plain patterns that name a directory, which select nothing (as in Ant). */
        final List<String> directoriesNamed = new ArrayList<>();

        Selection(Path workspace, Path workspaceReal, String text, String option) {
            this.workspace = workspace;
            this.workspaceReal = workspaceReal;
            this.text = text;
            this.option = option;
        }

        void add(AntPattern pattern, List<AntPattern> all) throws IOException {
            patterns.add(pattern);
            List<String> names = pattern.prefix();
            if (pattern.hasDotName()) {
                note("'" + pattern.text() + "' (a '.' name matches nothing in archiveArtifacts either: leave it out)");
                return;
            }
            refuseLinksOutside(pattern, names);
            Path path = resolve(names);
            String relative = String.join("/", names);
            if (pattern.isPlain() ? DefaultExcludes.excludes(names)
                    : names.stream().anyMatch(DefaultExcludes::excludesContentsOf)) {
                note(relative + " (left out by Ant's default excludes, as archiveArtifacts leaves it out)");
                return;
            }
            if (!pattern.isPlain()) {
                if (Files.isDirectory(path)) {
                    WorkspaceScan scan = WorkspaceScan.run(workspaceReal, path, path.toRealPath(), relative, pattern);
                    matches.addAll(scan.matches());
                    scan.notSearched().stream().filter(n -> !notSearched.contains(n)).forEach(notSearched::add);
                } else if (Files.isRegularFile(path) && pattern.matchesItsPrefix() && scannedAbove(names, all)
                        && !DefaultExcludes.excludesFile(names.get(names.size() - 1))) {
                    // "build/" is "build/**", which matches a file called build, but Ant only looks at that file when
                    // another pattern has it scan a directory above it: with "build/" alone it selects nothing.
                    matches.add(new WorkspaceScan.Match(relative, path.toRealPath()));
                }
                return;
            }
            if (!Files.exists(path, LinkOption.NOFOLLOW_LINKS)) {
                return;
            }
            if (Files.isSymbolicLink(path) && !Files.exists(path)) {
                throw new FileSelectionException(option + " '" + pattern.text() + "' names " + relative
                        + ", a symbolic link to " + Files.readSymbolicLink(path) + ", which does not exist");
            }
            if (Files.isDirectory(path)) {
                directoriesNamed.add(option + " '" + pattern.text() + "' is a directory; give a pattern for the file in"
                        + " it, such as '" + relative + "/**/*.apk'");
                return;
            }
            if (!Files.isRegularFile(path)) {
                throw new FileSelectionException(option + " '" + pattern.text() + "' names " + relative
                        + ", which is not a regular file (a device, socket or pipe cannot be uploaded)");
            }
            matches.add(new WorkspaceScan.Match(relative, path.toRealPath()));
        }

        private void note(String text) {
            if (!notSearched.contains(text)) {
                notSearched.add(text);
            }
        }

        /** Whether another pattern starts its scan in a directory that holds the path {@code names}. */
        private static boolean scannedAbove(List<String> names, List<AntPattern> all) {
            return !names.isEmpty() && all.stream().anyMatch(other -> !other.hasDotName()
                    && other.prefix().size() < names.size() && names.subList(0, other.prefix().size()).equals(other.prefix()));
        }

        /**
         * Refuses a pattern whose fixed leading directories (or plain path) go through a link out of the workspace,
         * naming that link: saying "no match" or scanning outside would both be wrong.
         */
        private void refuseLinksOutside(AntPattern pattern, List<String> names) throws IOException {
            Path path = workspace;
            for (int i = 0; i < names.size(); i++) {
                path = path.resolve(names.get(i));
                if (!Files.isSymbolicLink(path)) {
                    if (!Files.exists(path, LinkOption.NOFOLLOW_LINKS)) {
                        return;
                    }
                    continue;
                }
                if (!Files.exists(path)) {
                    return; // dangling: reported as missing further on
                }
                Path target = path.toRealPath();
                if (!target.startsWith(workspaceReal)) {
                    String relative = String.join("/", names.subList(0, i + 1));
                    throw new FileSelectionException(option + " '" + pattern.text() + "' "
                            + (pattern.isPlain() && i == names.size() - 1 ? "names " : "goes through ") + relative + ", which "
                            + outside(target));
                }
            }
        }

        void sortAndDeduplicate() {
            Map<Path, WorkspaceScan.Match> byRealPath = new LinkedHashMap<>();
            matches.stream()
                    .sorted(Comparator.comparing(WorkspaceScan.Match::relative))
                    .forEach(m -> byRealPath.putIfAbsent(m.real(), m));
            matches = List.copyOf(byRealPath.values());
        }

        /** The file to upload for a match, once it is known to be inside the workspace and readable. */
        LocalFile upload(WorkspaceScan.Match match) throws FileSelectionException {
            if (!match.real().startsWith(workspaceReal)) {
                throw new FileSelectionException(option + " '" + text + "' matches " + match.relative() + ", which "
                        + outside(match.real()));
            }
            if (!Files.isReadable(match.real())) {
                throw new FileSelectionException(option + " '" + text + "' matches " + match.relative()
                        + ", which cannot be read (permission denied): make it readable for the user that runs the"
                        + " build on this machine");
            }
            String relative = match.relative();
            // The name the pattern matched, not the link target's: that is the name the user chose to upload.
            String name = relative.substring(relative.lastIndexOf('/') + 1);
            try {
                return LocalFile.found(match.real(), name);
            } catch (IOException e) {
                throw new FileSelectionException(option + " '" + text + "' matches " + relative
                        + ", whose size or modification time cannot be read: " + e);
            }
        }

        String noMatchMessage() {
            StringBuilder message = new StringBuilder(option + " '" + text + "' matches no file in the workspace "
                    + workspace + ".");
            Set<List<String>> directories = new LinkedHashSet<>();
            for (AntPattern pattern : patterns) {
                List<String> names = pattern.prefix();
                directories.add(pattern.isPlain() ? names.subList(0, names.size() - 1) : names);
            }
            for (List<String> directory : directories) {
                message.append(' ').append(describe(directory));
            }
            if (!notSearched.isEmpty()) {
                message.append(" Not searched: ").append(String.join(", ", notSearched)).append('.');
            }
            return message.append(" Check the pattern (relative to the workspace, case-sensitive) and that the build")
                    .append(" produced the file")
                    .toString();
        }

        /** What a directory holds, as a hint for a pattern that matched nothing in it. */
        private String describe(List<String> names) {
            Path directory = resolve(names);
            String relative = names.isEmpty() ? "The workspace" : String.join("/", names) + "/";
            if (!Files.isDirectory(directory)) {
                return Files.exists(directory) ? relative + " is a file, not a directory."
                        : relative + " does not exist.";
            }
            List<String> entries = new ArrayList<>();
            try (DirectoryStream<Path> stream = Files.newDirectoryStream(directory)) {
                for (Path entry : stream) {
                    String name = (names.isEmpty() ? "" : relative) + entry.getFileName();
                    entries.add(Files.isDirectory(entry) ? name + "/" : name);
                }
            } catch (IOException e) {
                return relative + " cannot be listed (" + e + ").";
            }
            if (entries.isEmpty()) {
                return relative + " is empty.";
            }
            entries.sort(null);
            return relative + " holds: " + String.join(", ", entries.subList(0, Math.min(LISTED, entries.size())))
                    + (entries.size() > LISTED ? " and " + (entries.size() - LISTED) + " more." : ".");
        }

        private Path resolve(List<String> names) {
            Path path = workspace;
            for (String name : names) {
                path = path.resolve(name);
            }
            return path;
        }

        private static String outside(Path target) {
            return "is a symbolic link to " + target + " outside the workspace: only files inside the workspace are"
                    + " uploaded. Copy the file into the workspace instead";
        }
    }
}
