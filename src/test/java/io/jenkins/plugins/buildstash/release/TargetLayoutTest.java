package io.jenkins.plugins.buildstash.release;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class TargetLayoutTest {

    @Test
    void aBlankFolderIsTheDefault() throws Exception {
        assertThat(TargetLayout.folder(null)).isEqualTo("buildstash-release");
        assertThat(TargetLayout.folder("  ")).isEqualTo("buildstash-release");
    }

    @Test
    void aFolderIsNormalisedToSlashesWithoutDotsOrEmptyNames() throws Exception {
        assertThat(TargetLayout.folder("out\\release//./2.3.0/")).isEqualTo("out/release/2.3.0");
        assertThat(TargetLayout.folder(".")).as("the workspace itself").isEmpty();
    }

    @ParameterizedTest
    @ValueSource(strings = {"/tmp/out", "\\\\server\\share", "C:\\out", "c:out"})
    void anAbsoluteFolderIsRefused(String folder) {
        assertThatThrownBy(() -> TargetLayout.folder(folder))
                .isInstanceOf(ReleaseException.class)
                .hasMessageContaining("is an absolute path; give a folder relative to the workspace");
    }

    @ParameterizedTest
    @ValueSource(strings = {"..", "../out", "out/../../x", "out\\..\\.."})
    void aFolderWithDotDotIsRefused(String folder) {
        assertThatThrownBy(() -> TargetLayout.folder(folder))
                .isInstanceOf(ReleaseException.class)
                .hasMessageContaining("contains '..'; the folder must stay inside the workspace");
    }

    @Test
    void aFolderWithAControlCharacterIsRefusedAndShownEscaped() {
        assertThatThrownBy(() -> TargetLayout.folder("out\u0000x"))
                .hasMessage("targetFolder 'out\\u0000x' contains control characters");
    }

    @Test
    void plainNamesAreAccepted() throws Exception {
        for (String name : new String[] {"game.apk", "main.1.com.example.obb", "Game Setup 2.3.exe", "..hidden", "a..b",
                "ünïcödé.ipa"}) {
            assertThat(TargetLayout.checkName(name, "file name", "build 'b1'")).isEqualTo(name);
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {"../x", "/etc/passwd", "a\\b", "..", ".", "a/b", "C:evil.exe", "", "x\u0000y", "line\nbreak"})
    void namesThatAreNotOnePlainNameAreRefused(String name) {
        assertThatThrownBy(() -> TargetLayout.checkName(name, "file name", "build 'b1' (android 2.3.0)"))
                .isInstanceOf(ReleaseException.class)
                .hasMessageStartingWith("Refused the file name '")
                .hasMessageContaining("' of build 'b1' (android 2.3.0): ")
                .hasMessageEndingWith("Names from Buildstash must be plain names; nothing was written for it")
                .satisfies(e -> assertThat(e.getMessage()).doesNotContain("\u0000", "\n"));
    }

    @Test
    void filesGoUnderTheirPlatformInTheFolder() {
        assertThat(TargetLayout.relative("buildstash-release", "android", "game.apk"))
                .isEqualTo("buildstash-release/android/game.apk");
        assertThat(TargetLayout.relative("", "ios", "Game.ipa")).isEqualTo("ios/Game.ipa");
    }
}
