package io.jenkins.plugins.buildstash.files;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.jenkins.plugins.buildstash.upload.LocalFile;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.NullSource;
import org.junit.jupiter.params.provider.ValueSource;

class WorkspaceFilesTest {

    /** Holds the workspace and a directory beside it, so that links out of the workspace stay in the temp dir. */
    @TempDir
    Path tmp;

    Path ws;

    Path outside;

    @BeforeEach
    void createWorkspaceAndOutside() throws IOException {
        ws = Files.createDirectory(tmp.resolve("ws"));
        outside = Files.createDirectory(tmp.resolve("outside"));
    }

    private Path file(String relative) throws IOException {
        return file(ws, relative, "x");
    }

    private static Path file(Path dir, String relative, String content) throws IOException {
        Path path = dir.resolve(relative);
        Files.createDirectories(path.getParent());
        return Files.writeString(path, content);
    }

    private void androidTree() throws IOException {
        for (String f : List.of("app.apk", "README.md", "build/outputs/apk/release/app-release.apk",
                "build/outputs/apk/debug/app-debug.apk", "build/outputs/bundle/release/app-release.aab",
                "build/app-1.apk", "build/app-2.apk", "build/app-10.apk", "build/notes.txt", ".git/objects/x.apk",
                "docs/App.APK")) {
            file(f);
        }
    }

    /** The matches as paths relative to the workspace's real path, so that the test reads like the pattern. */
    private List<String> all(String patterns) throws IOException {
        Path real = ws.toRealPath();
        return WorkspaceFiles.resolveAll(ws, patterns, "file").stream()
                .map(f -> real.relativize(Path.of(f.path())).toString().replace('\\', '/'))
                .toList();
    }

    private String refusal(String pattern) {
        return assertThatThrownBy(() -> WorkspaceFiles.resolveOne(ws, pattern, "file"))
                .isInstanceOf(FileSelectionException.class)
                .actual()
                .getMessage();
    }

    @ParameterizedTest(name = "{0} -> {1}")
    @CsvSource(delimiter = '|', textBlock = """
            app.apk                        | app.apk
            ./build/./app-1.apk            |
            build//app-1.apk               | build/app-1.apk
            *.apk                          | app.apk
            **/*.apk                       | app.apk;build/app-1.apk;build/app-10.apk;build/app-2.apk;build/outputs/apk/debug/app-debug.apk;build/outputs/apk/release/app-release.apk
            build/**/release/*             | build/outputs/apk/release/app-release.apk;build/outputs/bundle/release/app-release.aab
            build/**/app-release.*         | build/outputs/apk/release/app-release.apk;build/outputs/bundle/release/app-release.aab
            **/**/notes.txt                | build/notes.txt
            build/outputs/**               | build/outputs/apk/debug/app-debug.apk;build/outputs/apk/release/app-release.apk;build/outputs/bundle/release/app-release.aab
            build/outputs/                 | build/outputs/apk/debug/app-debug.apk;build/outputs/apk/release/app-release.apk;build/outputs/bundle/release/app-release.aab
            build\\outputs\\apk\\**\\*.apk | build/outputs/apk/debug/app-debug.apk;build/outputs/apk/release/app-release.apk
            build\\outputs\\bundle\\       | build/outputs/bundle/release/app-release.aab
            build/app-?.apk                | build/app-1.apk;build/app-2.apk
            build/app-*.apk                | build/app-1.apk;build/app-10.apk;build/app-2.apk
            */app-1.apk                    | build/app-1.apk
            **/App.apk                     |
            docs/app.apk                   |
            .git/**/*.apk                  |
            missing/**/*.apk               |
            """)
    void patternsMatchLikeArchiveArtifacts(String pattern, String expected) throws IOException {
        androidTree();
        assertThat(all(pattern)).containsExactlyElementsOf(expected == null ? List.of() : Arrays.asList(expected.split(";")));
    }

    @Test
    void wildcardsDoNotEnterVersionControlMetadata() throws IOException {
        androidTree();
        assertThat(all("**")).hasSize(10).noneMatch(p -> p.startsWith(".git/"));
    }

    @Test
    void commaSeparatedPatternsAreJoinedSortedAndDeduplicated() throws IOException {
        androidTree();
        assertThat(all("build/app-2.apk, app.apk,build/app-2.apk ,, build/app-?.apk"))
                .containsExactly("app.apk", "build/app-1.apk", "build/app-2.apk");
    }

    @Test
    void resolveOneGivesTheRealPathTheNameAndTheSize() throws IOException {
        Path apk = file(ws, "build/app.apk", "12345");
        LocalFile found = WorkspaceFiles.resolveOne(ws, "build/*.apk", "file");
        assertThat(found).isEqualTo(new LocalFile(apk.toRealPath().toString(), "app.apk", 5,
                Files.getLastModifiedTime(apk).toMillis()));
    }

    @ParameterizedTest
    @NullSource
    @ValueSource(strings = {"", "   ", " , ,"})
    void aBlankPatternIsRequired(String pattern) {
        assertThatThrownBy(() -> WorkspaceFiles.resolveOne(ws, pattern, "expansionFile"))
                .isInstanceOf(FileSelectionException.class)
                .hasMessage("expansionFile is required: an Ant-style pattern such as 'build/outputs/**/*.apk'");
    }

    @ParameterizedTest
    @ValueSource(strings = {"/etc/passwd", "\\\\server\\share\\app.apk", "C:\\builds\\app.apk", "c:/builds/*.apk"})
    void absolutePathsAreRefused(String pattern) {
        assertThat(refusal(pattern)).isEqualTo("file '" + pattern + "' is an absolute path; give a path relative to the"
                + " workspace, such as 'build/outputs/**/*.apk': only files inside the workspace are uploaded");
    }

    @ParameterizedTest
    @ValueSource(strings = {"../app.apk", "build/../../app.apk", "build\\..\\app.apk", "**/../*.apk"})
    void parentSegmentsAreRefusedEvenWhenTheyWouldStayInside(String pattern) {
        assertThat(refusal(pattern)).isEqualTo("file '" + pattern + "' contains '..'; patterns must stay inside the"
                + " workspace: copy the file into the workspace and give its path from there");
    }

    @ParameterizedTest
    @CsvSource({"file, ../x", "file, build/../../app.apk", "expansionFile, /tmp/main.obb",
            "metadataArtifacts, 'reports/*.xml, ../secrets/*.json'", "file, ' '"})
    void theFormCheckRefusesAPatternInTheWordsOfTheRun(String option, String pattern) {
        String run = org.assertj.core.api.Assertions.catchThrowableOfType(FileSelectionException.class,
                () -> WorkspaceFiles.resolveAll(ws, pattern, option)).getMessage();
        assertThat(WorkspaceFiles.patternProblems(pattern, option)).containsExactly(run);
    }

    @Test
    void theFormCheckAcceptsPatternsThatStayInsideTheWorkspace() {
        assertThat(WorkspaceFiles.patternProblems("build/**/*.apk, ./reports/*.xml, a..b.apk", "metadataArtifacts"))
                .isEmpty();
    }

    @Test
    void oneBadPatternInAListRefusesTheList() {
        assertThatThrownBy(() -> WorkspaceFiles.resolveAll(ws, "*.apk, /tmp/x.apk", "metadataArtifacts"))
                .hasMessageStartingWith("metadataArtifacts '/tmp/x.apk' is an absolute path");
    }

    @Test
    void noMatchNamesTheWorkspaceAndListsWhatThePatternsDirectoryHolds() throws IOException {
        file("build/app-debug.aab");
        file("build/logs/build.log");
        assertThat(refusal("build/*.apk")).isEqualTo("file 'build/*.apk' matches no file in the workspace " + ws
                + ". build/ holds: build/app-debug.aab, build/logs/. Check the pattern (relative to the workspace,"
                + " case-sensitive) and that the build produced the file");
    }

    @Test
    void noMatchOfAPlainPathListsItsDirectory() throws IOException {
        file("app-debug.apk");
        assertThat(refusal("app-release.apk")).isEqualTo("file 'app-release.apk' matches no file in the workspace " + ws
                + ". The workspace holds: app-debug.apk. Check the pattern (relative to the workspace, case-sensitive)"
                + " and that the build produced the file");
    }

    @Test
    void noMatchSaysWhenThePatternsDirectoryDoesNotExist() {
        assertThat(refusal("build/outputs/**/*.apk")).isEqualTo("file 'build/outputs/**/*.apk' matches no file in the"
                + " workspace " + ws + ". build/outputs/ does not exist. Check the pattern (relative to the workspace,"
                + " case-sensitive) and that the build produced the file");
    }

    @Test
    void noMatchInAnEmptyWorkspaceSaysItIsEmpty() {
        assertThat(refusal("*.apk")).contains(". The workspace is empty. Check the pattern");
    }

    @Test
    void noMatchListsTenEntriesAndCountsTheRest() throws IOException {
        for (int i = 10; i < 23; i++) {
            file("out/f" + i + ".txt");
        }
        assertThat(refusal("out/*.apk")).contains(" out/ holds: out/f10.txt, out/f11.txt, out/f12.txt, out/f13.txt,"
                + " out/f14.txt, out/f15.txt, out/f16.txt, out/f17.txt, out/f18.txt, out/f19.txt and 3 more. ");
    }

    @Test
    void severalMatchesAreListedAndTheUserIsToldToNarrowThePattern() throws IOException {
        androidTree();
        assertThat(refusal("build/app-*.apk")).isEqualTo("file 'build/app-*.apk' matches 3 files, but exactly one is"
                + " needed: build/app-1.apk, build/app-10.apk, build/app-2.apk. Narrow the pattern, e.g. with the"
                + " directory or the full name of the file to upload");
    }

    @Test
    void manyMatchesListTheFirstTenAndTheTotal() throws IOException {
        for (int i = 10; i < 35; i++) {
            file("out/app-" + i + ".apk");
        }
        assertThat(refusal("out/*.apk")).startsWith("file 'out/*.apk' matches 25 files, but exactly one is needed; the"
                + " first 10: out/app-10.apk, out/app-11.apk, ").contains("out/app-19.apk. Narrow the pattern");
    }

    @Test
    void aDirectoryNamedByAPlainPathIsRefusedWithAPatternUnderIt() throws IOException {
        file("build/outputs/app.apk");
        assertThat(refusal("build\\outputs")).isEqualTo("file 'build\\outputs' is a directory; give a pattern for the"
                + " file in it, such as 'build/outputs/**/*.apk'");
        // For a list of patterns it selects nothing, as in archiveArtifacts, and the other patterns still count.
        assertThat(WorkspaceFiles.resolveAll(ws, "build/outputs, build/outputs/*.apk", "metadataArtifacts"))
                .extracting(LocalFile::name).containsExactly("app.apk");
    }

    @Test
    void anUnreadableFileIsRefusedByName() throws IOException {
        Path apk = file("build/app.apk");
        try {
            Files.setPosixFilePermissions(apk, PosixFilePermissions.fromString("-w-------"));
        } catch (UnsupportedOperationException e) {
            Assumptions.abort("no POSIX permissions on this file system");
        }
        Assumptions.assumeFalse(Files.isReadable(apk), "the file stays readable (running as root?)");
        assertThat(refusal("build/*.apk")).isEqualTo("file 'build/*.apk' matches build/app.apk, which cannot be read"
                + " (permission denied): make it readable for the user that runs the build on this machine");
    }

    @Test
    void aLinkToAFileInsideTheWorkspaceIsUploadedFromItsRealPathUnderTheLinksName() throws IOException {
        Path target = file(ws, "build/cache/3f9a1c", "12345678");
        link("build/app.apk", target);
        LocalFile found = WorkspaceFiles.resolveOne(ws, "build/*.apk", "file");
        assertThat(found).isEqualTo(new LocalFile(target.toRealPath().toString(), "app.apk", 8,
                Files.getLastModifiedTime(target).toMillis()));
    }

    @Test
    void aFileReachedThroughALinkAndDirectlyIsChosenOnce() throws IOException {
        Path target = file("build/outputs/app.apk");
        link("latest", target.getParent());
        assertThat(all("**/*.apk")).containsExactly("build/outputs/app.apk");
        assertThat(WorkspaceFiles.resolveOne(ws, "**/*.apk", "file").path()).isEqualTo(target.toRealPath().toString());
    }

    @Test
    void aLinkedDirectoryInsideTheWorkspaceIsScannedAndALoopEnds() throws IOException {
        file("real/app.apk");
        link("alias", ws.resolve("real"));
        link("real/loop", ws.resolve("real"));
        assertThat(WorkspaceFiles.resolveOne(ws, "alias/**/*.apk", "file").name()).isEqualTo("app.apk");
        assertThat(all("**/*.apk")).containsExactly("real/app.apk");
    }

    @Test
    void aLinkToAFileOutsideTheWorkspaceIsRefused() throws IOException {
        Path secret = file(outside, "secret.apk", "s").toRealPath();
        link("build/app.apk", secret);
        String expected = "file 'build/*.apk' matches build/app.apk, which is a symbolic link to " + secret
                + " outside the workspace: only files inside the workspace are uploaded. Copy the file into the"
                + " workspace instead";
        assertThat(refusal("build/*.apk")).isEqualTo(expected);
        assertThatThrownBy(() -> WorkspaceFiles.resolveAll(ws, "build/*.apk", "file")).hasMessage(expected);
        assertThat(refusal("build/app.apk")).startsWith("file 'build/app.apk' names build/app.apk, which is a symbolic"
                + " link to " + secret + " outside the workspace");
    }

    @Test
    void aPatternThroughALinkedDirectoryOutsideTheWorkspaceIsRefused() throws IOException {
        file(outside, "apk/app.apk", "s");
        Path target = outside.resolve("apk").toRealPath();
        link("out", target);
        assertThat(refusal("out/**/*.apk")).isEqualTo("file 'out/**/*.apk' goes through out, which is a symbolic link"
                + " to " + target + " outside the workspace: only files inside the workspace are uploaded. Copy the"
                + " file into the workspace instead");
        assertThat(refusal("out/app.apk")).startsWith("file 'out/app.apk' goes through out, which is a symbolic link");
    }

    @Test
    void aScanDoesNotFollowLinksToDirectoriesOutsideTheWorkspaceAndSaysSo() throws IOException {
        file(outside, "apk/app.apk", "s");
        Path target = outside.resolve("apk").toRealPath();
        link("build/out", target);
        assertThat(all("**/*.apk")).isEmpty();
        assertThat(refusal("**/*.apk")).contains(" Not searched: build/out/ (a symbolic link to " + target
                + ", outside the workspace). Check the pattern");
    }

    @Test
    void aDanglingLinkNamedByAPlainPathIsExplained() throws IOException {
        link("app.apk", ws.resolve("build/gone.apk"));
        assertThat(refusal("app.apk")).isEqualTo("file 'app.apk' names app.apk, a symbolic link to "
                + ws.resolve("build/gone.apk") + ", which does not exist");
        // A wildcard simply does not match it, as in Ant.
        assertThat(all("*.apk")).isEmpty();
    }

    @Test
    void aMissingWorkspaceIsNamed() {
        Path missing = ws.resolve("never-created");
        assertThatThrownBy(() -> WorkspaceFiles.resolveAll(missing, "*.apk", "file"))
                .isInstanceOf(FileSelectionException.class)
                .hasMessage("file '*.apk' cannot be looked up: the workspace " + missing + " does not exist on this"
                        + " machine. Run the step on the node that built the files, after building them");
    }

    @Test
    void aWorkspaceReachedThroughALinkStillContainsItsFiles() throws IOException {
        Path apk = file("app.apk");
        Path alias = link(outside, "ws-alias", ws);
        assertThat(WorkspaceFiles.resolveOne(alias, "*.apk", "file").path()).isEqualTo(apk.toRealPath().toString());
    }

    private Path link(String relative, Path target) throws IOException {
        return link(ws, relative, target);
    }

    private static Path link(Path dir, String relative, Path target) throws IOException {
        Path link = dir.resolve(relative);
        Files.createDirectories(link.getParent());
        try {
            return Files.createSymbolicLink(link, target);
        } catch (UnsupportedOperationException | IOException e) {
            Assumptions.abort("symbolic links cannot be created here: " + e);
            throw e;
        }
    }
}
