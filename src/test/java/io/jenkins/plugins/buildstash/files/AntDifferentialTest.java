package io.jenkins.plugins.buildstash.files;

import static org.assertj.core.api.Assertions.assertThat;

import io.jenkins.plugins.buildstash.upload.LocalFile;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Random;
import java.util.StringTokenizer;
import java.util.TreeSet;
import org.apache.tools.ant.DirectoryScanner;
import org.apache.tools.ant.Project;
import org.apache.tools.ant.types.FileSet;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The hand-written matcher against the reference: what {@code archiveArtifacts} selects for a pattern is what Ant's
 * {@code DirectoryScanner} selects, set up as Jenkins' {@code FilePath.list} sets it up for {@code ArtifactArchiver}'s
 * defaults (patterns split at commas and trimmed by {@code Util.createFileSet}, Ant's default excludes on, case-sensitive,
 * links followed). Workspaces and patterns are generated from a seed: nested folders, dot-files, the names Ant's
 * default excludes name, Unicode names, and patterns with {@code **} at every position, {@code *}, {@code ?}, trailing
 * separators, backslashes, doubled separators and white space around them.
 */
class AntDifferentialTest {

    private static final String[] NAMES = {
        "app.apk", "b.txt", "a", "build", "out", "deep", ".hidden", ".git", "CVS", ".svn", "x~", "#tmp#", ".#lock",
        "%x%", "._mac", ".DS_Store", ".gitignore", ".hgtags", "vssver.scc", "jeu-été.apk", "游戏.apk", "rocket🚀.apk",
        "cafe\u0301.apk", "my file.apk", "a.b.c", "UPPER.APK", "report.xml", "ab", "é", "🚀", "x.apk.bak", "sub"
    };

    @TempDir
    Path dir;

    @Test
    void theMatcherSelectsWhatAntSelectsOverGeneratedWorkspacesAndPatterns() throws Exception {
        int compared = 0;
        List<String> differences = new ArrayList<>();
        for (long seed = 1; seed <= 12; seed++) {
            Random random = new Random(seed);
            Path workspace = Files.createDirectories(dir.resolve("ws" + seed));
            List<String> files = new ArrayList<>();
            fill(workspace, "", 0, random, files);
            List<String> patterns = new ArrayList<>(FIXED);
            for (int i = 0; i < 60; i++) {
                patterns.add(derived(files.get(random.nextInt(files.size())), random));
            }
            for (int i = 0; i < 15; i++) {
                patterns.add(patterns.get(random.nextInt(patterns.size())) + " , " + patterns.get(random.nextInt(patterns.size())));
            }
            for (String pattern : patterns) {
                TreeSet<String> ant = ant(workspace, pattern);
                TreeSet<String> ours = ours(workspace, pattern);
                compared++;
                // A pattern naming a directory is refused with a hint rather than selecting nothing: the same files.
                boolean refusedAsDirectory = ours.size() == 1 && ours.first().contains("' is a directory; give a pattern");
                if (!(refusedAsDirectory ? ant.isEmpty() : ant.equals(ours))) {
                    differences.add("seed " + seed + " pattern '" + pattern + "': Ant " + ant + ", ours " + ours);
                }
            }
        }
        assertThat(differences).as("patterns where the matcher and Ant disagree").isEmpty();
        assertThat(compared).isGreaterThan(1000);
    }

    /** Patterns by class, beside the ones derived from each workspace's own files. */
    private static final List<String> FIXED = List.of(
            "**", "**/*", "*", "**/*.apk", "*/**", "**/", "build/", "build\\", "build\\**\\*.apk", "**/build/**",
            "**/sub/**/*.txt", "**/.*", ".*", "*.APK", "**/*é*", "**/游戏.apk", "?.apk", "**/?", "**/??", "**/rocket?.apk",
            "**/rocket??.apk", "build//app.apk", "./app.apk", "build/./b.txt", "  app.apk  ", "**/**/b.txt", "a**b",
            "**.apk", "**/*~", ".git/**", "**/.git/*", "CVS", "**/CVS/**", "**/*.bak", "**/my file.apk", "*/*/*",
            "**/deep/**/**/*", "sub/**", "**/a", "**/ab", "é", "**/cafe?.apk", "**/cafe??.apk", "**/*\u0301*",
            "app.apk,,b.txt", "app.apk, ,b.txt", "**/x.apk*", "**\\*.xml", "deep/", "deep\\\\", "/**/*.apk".substring(1));

    private static void fill(Path at, String relative, int depth, Random random, List<String> files) throws IOException {
        int entries = 2 + random.nextInt(depth == 0 ? 8 : 5);
        for (int i = 0; i < entries; i++) {
            String name = NAMES[random.nextInt(NAMES.length)];
            Path path = at.resolve(name);
            if (Files.exists(path)) {
                continue;
            }
            String child = relative.isEmpty() ? name : relative + "/" + name;
            if (depth < 4 && random.nextInt(3) == 0) {
                Files.createDirectory(path);
                fill(path, child, depth + 1, random, files);
            } else {
                Files.writeString(path, child);
                files.add(child);
            }
        }
        if (files.isEmpty()) {
            Files.writeString(at.resolve("app.apk"), "app");
            files.add(relative.isEmpty() ? "app.apk" : relative + "/app.apk");
        }
    }

    /** A pattern made from a file's path: each name kept, widened to a wildcard, or merged into a {@code **}. */
    private static String derived(String file, Random random) {
        List<String> names = new ArrayList<>(Arrays.asList(file.split("/")));
        StringBuilder pattern = new StringBuilder();
        for (int i = 0; i < names.size(); i++) {
            String name = names.get(i);
            String segment = switch (random.nextInt(7)) {
                case 0 -> "**";
                case 1 -> "*";
                case 2 -> name.length() > 1 ? "*" + name.substring(name.offsetByCodePoints(0, 1)) : "?";
                case 3 -> name.length() > 1 ? name.substring(0, name.length() - 1) + "?" : name;
                case 4 -> "**/" + name;
                default -> name;
            };
            if (i > 0) {
                pattern.append(random.nextInt(5) == 0 ? "\\" : random.nextInt(8) == 0 ? "//" : "/");
            }
            pattern.append(segment);
        }
        if (random.nextInt(10) == 0) {
            pattern.append('/');
        }
        return random.nextInt(10) == 0 ? " " + pattern + " " : pattern.toString();
    }

    /** Jenkins' FilePath.list(includes, null, true) for ArtifactArchiver's defaults. */
    private static TreeSet<String> ant(Path workspace, String includes) {
        FileSet fs = new FileSet();
        fs.setDir(workspace.toFile());
        fs.setProject(new Project());
        StringTokenizer tokens = new StringTokenizer(includes, ",");
        while (tokens.hasMoreTokens()) {
            fs.createInclude().setName(tokens.nextToken().trim());
        }
        fs.setDefaultexcludes(true);
        fs.setCaseSensitive(true);
        fs.setFollowSymlinks(true);
        DirectoryScanner scanner = fs.getDirectoryScanner(new Project());
        TreeSet<String> selected = new TreeSet<>();
        for (String file : scanner.getIncludedFiles()) {
            selected.add(file.replace(java.io.File.separatorChar, '/'));
        }
        return selected;
    }

    private static TreeSet<String> ours(Path workspace, String patterns) throws IOException {
        TreeSet<String> selected = new TreeSet<>();
        List<LocalFile> files;
        try {
            files = WorkspaceFiles.resolveAll(workspace, patterns, "metadataArtifacts");
        } catch (FileSelectionException e) {
            selected.add("(refused: " + e.getMessage() + ")");
            return selected;
        }
        Path real = workspace.toRealPath();
        for (LocalFile file : files) {
            selected.add(real.relativize(Path.of(file.path())).toString().replace(java.io.File.separatorChar, '/'));
        }
        return selected;
    }
}
