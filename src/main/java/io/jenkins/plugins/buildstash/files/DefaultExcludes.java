package io.jenkins.plugins.buildstash.files;

import java.util.List;
import java.util.Set;

/**
 * Ant's default excludes, which {@code archiveArtifacts} applies ({@code ArtifactArchiver}'s {@code defaultExcludes} is
 * true unless a job turns it off), in the two shapes Ant's list has: {@code **}{@code /NAME/**}, everything below a
 * version-control directory, and {@code **}{@code /GLOB}, files whose own name matches. They apply to every pattern,
 * literal ones included: {@code .git/config} selects nothing, as in {@code archiveArtifacts}.
 */
final class DefaultExcludes {

    /** Directories whose contents are excluded ({@code **}{@code /CVS/**} and the like). */
    private static final Set<String> DIRECTORIES = Set.of("CVS", "SCCS", ".svn", ".git", ".hg", ".bzr");

    /** File names excluded wherever they are, as Ant writes them after {@code **}{@code /}. */
    private static final List<String> FILES = List.of("*~", "#*#", ".#*", "%*%", "._*", "CVS", ".cvsignore", "SCCS",
            "vssver.scc", ".svn", ".DS_Store", ".git", ".gitattributes", ".gitignore", ".gitmodules", ".hg",
            ".hgignore", ".hgsub", ".hgsubstate", ".hgtags", ".bzr", ".bzrignore");

    private DefaultExcludes() {}

    /** Whether nothing below a directory of this name is ever selected. */
    static boolean excludesContentsOf(String directoryName) {
        return DIRECTORIES.contains(directoryName);
    }

    /** Whether a file of this name is never selected. */
    static boolean excludesFile(String fileName) {
        return FILES.stream().anyMatch(glob -> Glob.matches(glob, fileName));
    }

    /** Whether a file at this path from the workspace (names in order, the file's last) is never selected. */
    static boolean excludes(List<String> names) {
        for (int i = 0; i < names.size() - 1; i++) {
            if (excludesContentsOf(names.get(i))) {
                return true;
            }
        }
        return !names.isEmpty() && excludesFile(names.get(names.size() - 1));
    }
}
