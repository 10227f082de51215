package io.jenkins.plugins.buildstash.files;

import java.io.IOException;
import java.nio.file.AccessDeniedException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.attribute.BasicFileAttributes;
import java.util.ArrayList;
import java.util.BitSet;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * Walks a workspace from the directory a pattern starts at, descending only where the pattern can still match, and
 * leaving out what Ant's default excludes leave out ({@link DefaultExcludes}).
 * Symbolic links inside the workspace are followed (each directory once per path, so a link to a parent ends);
 * links to directories outside it are not. A link to a file outside it is reported as a match, so that the caller can
 * refuse it by name instead of pretending nothing matched.
 */
final class WorkspaceScan {

    /**
     * A matching regular file.
     *
     * @param relative its path from the workspace, with {@code /} separators, as the pattern matched it
     * @param real its real path, links resolved
     */
    record Match(String relative, Path real) {}

    private final Path rootReal;
    private final AntPattern pattern;
    private final List<Match> matches = new ArrayList<>();
    private final List<String> notSearched = new ArrayList<>();
    private final Set<Path> ancestors = new HashSet<>();

    private WorkspaceScan(Path rootReal, AntPattern pattern) {
        this.rootReal = rootReal;
        this.pattern = pattern;
    }

    /**
     * Scans {@code start} (a directory inside the workspace whose real path is {@code startReal}), which the pattern
     * reaches as {@code startRelative} ({@code ""} for the workspace itself).
     */
    static WorkspaceScan run(Path rootReal, Path start, Path startReal, String startRelative, AntPattern pattern)
            throws IOException {
        WorkspaceScan scan = new WorkspaceScan(rootReal, pattern);
        scan.directory(start, startReal, startRelative, pattern.start());
        return scan;
    }

    /** The matching files, in no particular order. */
    List<Match> matches() {
        return matches;
    }

    /** Directories the scan wanted to enter but did not, each with the reason, for a hint when nothing matched. */
    List<String> notSearched() {
        return notSearched;
    }

    private void directory(Path dir, Path real, String relative, BitSet state) throws IOException {
        ancestors.add(real);
        try (DirectoryStream<Path> entries = Files.newDirectoryStream(dir)) {
            for (Path entry : entries) {
                Path fileName = entry.getFileName();
                if (fileName == null) {
                    continue; // a directory stream names its entries; only a root has no name
                }
                String name = fileName.toString();
                BitSet next = pattern.step(state, name);
                if (pattern.matches(next) || pattern.worthDescending(next)) {
                    entry(entry, real.resolve(name), relative.isEmpty() ? name : relative + "/" + name, next);
                }
            }
        } catch (AccessDeniedException e) {
            notSearched.add(display(relative) + " (it cannot be read)");
        } catch (NoSuchFileException e) {
            // Deleted while we looked: nothing to find there.
        } finally {
            ancestors.remove(real);
        }
    }

    /** {@code real} is where the entry would be if it were not a link: its parent is already resolved. */
    /** The entry's own name; only a file system root has none, and a scan never reaches one as an entry. */
    private static String nameOf(Path entry) {
        Path name = entry.getFileName();
        return name == null ? entry.toString() : name.toString();
    }

    private void entry(Path entry, Path real, String relative, BitSet state) throws IOException {
        BasicFileAttributes attributes;
        try {
            attributes = Files.readAttributes(entry, BasicFileAttributes.class, LinkOption.NOFOLLOW_LINKS);
        } catch (NoSuchFileException e) {
            return;
        }
        String name = nameOf(entry);
        if (attributes.isSymbolicLink()) {
            link(entry, relative, state);
        } else if (attributes.isDirectory()) {
            if (pattern.worthDescending(state) && !DefaultExcludes.excludesContentsOf(name)) {
                directory(entry, real, relative, state);
            }
        } else if (attributes.isRegularFile() && pattern.matches(state) && !DefaultExcludes.excludesFile(name)) {
            matches.add(new Match(relative, real));
        }
    }

    private void link(Path entry, String relative, BitSet state) throws IOException {
        Path target;
        try {
            target = entry.toRealPath();
        } catch (NoSuchFileException | java.nio.file.FileSystemLoopException e) {
            return; // a dangling link matches nothing, like in Ant
        }
        String name = nameOf(entry);
        if (Files.isDirectory(target)) {
            if (!pattern.worthDescending(state) || DefaultExcludes.excludesContentsOf(name)) {
                return;
            }
            if (!target.startsWith(rootReal)) {
                notSearched.add(display(relative) + " (a symbolic link to " + target + ", outside the workspace)");
            } else if (!ancestors.contains(target)) {
                directory(entry, target, relative, state);
            }
        } else if (Files.isRegularFile(target) && pattern.matches(state) && !DefaultExcludes.excludesFile(name)) {
            matches.add(new Match(relative, target));
        }
    }

    private static String display(String relative) {
        return relative.isEmpty() ? "the workspace" : relative + "/";
    }
}
