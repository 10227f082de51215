package io.jenkins.plugins.buildstash.upload;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Collections;
import java.util.List;
import org.junit.jupiter.api.Test;

class UploadValidatorTest {

    private static final LocalFile APK = new LocalFile("/ws/app.apk", "app.apk", 1234);

    private static UploadOptions.Builder valid() {
        return UploadOptions.builder().platform("android").stream("beta").version(1, 2, 3);
    }

    private static List<String> problems(UploadOptions.Builder options) {
        return UploadValidator.validate(new UploadSpec(APK, null, List.of(), options.build(), null));
    }

    @Test
    void aCompleteUploadHasNoProblems() {
        assertThat(problems(valid().versionExtra("rc.1").versionMeta("2026.11.29").customBuildNumber("build_42-a.1")
                        .labels(List.of("qa", "nightly")).architectures(List.of("arm64v8", "x64")).notes("n".repeat(1000))
                        .customTarget("t".repeat(20))))
                .isEmpty();
    }

    @Test
    void requiredOptionsAreNamed() {
        assertThat(problems(UploadOptions.builder()))
                .anyMatch(p -> p.startsWith("platform is required"))
                .anyMatch(p -> p.startsWith("stream is required"))
                .anyMatch(p -> p.startsWith("versionMajor is required"))
                .anyMatch(p -> p.startsWith("versionMinor is required"))
                .anyMatch(p -> p.startsWith("versionPatch is required"));
    }

    @Test
    void versionComponentsAreRangeChecked() {
        assertThat(problems(valid().version(10000, 0, -1)))
                .contains("versionMajor is 10000; it must be a whole number from 0 to 9999",
                        "versionPatch is -1; it must be a whole number from 0 to 9999");
        assertThat(problems(valid().version(0, 0, 0))).singleElement().asString().startsWith("version 0.0.0 is not accepted");
        assertThat(problems(valid().version(0, 0, 1))).isEmpty();
    }

    @Test
    void unknownPlatformsAndArchitecturesGetASuggestion() {
        assertThat(problems(valid().platform("andriod")))
                .containsExactly("platform 'andriod' is not a Buildstash identifier: did you mean 'android'?");
        assertThat(problems(valid().architectures(List.of("arm64", "zzzzzzzz"))))
                .anyMatch(p -> p.startsWith("architectures 'arm64' is not a Buildstash identifier: did you mean"))
                .contains("architectures 'zzzzzzzz' is not a Buildstash identifier");
        // Documented only on the data pages, not in the spec enum (gap G8): accepted.
        assertThat(problems(valid().platform("harmonyos"))).isEmpty();
    }

    @Test
    void streamsFollowTheApiPattern() {
        assertThat(problems(valid().stream("production-eu")))
                .containsExactly("stream 'production-eu' is 13 characters long; Buildstash stream names have at most 12");
        assertThat(problems(valid().stream("qa team")))
                .containsExactly("stream 'qa team' may only contain ASCII letters, digits, '_', '-' and '+'");
    }

    @Test
    void listAndTextLimitsAreEnforced() {
        assertThat(problems(valid().labels(Collections.nCopies(11, "x").stream().map(s -> s + Math.random()).toList())))
                .containsExactly("labels has 11 entries; Buildstash takes at most 10");
        assertThat(problems(valid().notes("n".repeat(1001))))
                .containsExactly("notes is 1001 characters long; Buildstash takes at most 1000");
        assertThat(problems(valid().versionExtra("beta 1"))).singleElement().asString().startsWith("versionExtra 'beta 1' may only contain");
        assertThat(problems(valid().customBuildNumber("#42"))).singleElement().asString().startsWith("customBuildNumber '#42' may only contain");
        assertThat(problems(valid().customTarget("t".repeat(21)))).hasSize(1);
    }

    @Test
    void emptyAndOversizedFilesAreRefusedByName() {
        LocalFile empty = new LocalFile("/ws/empty.apk", "empty.apk", 0);
        assertThat(UploadValidator.validate(new UploadSpec(empty, null, List.of(), valid().build(), null)))
                .containsExactly("file empty.apk is empty (0 bytes); Buildstash takes files of 1 byte or more: check that"
                        + " the build wrote it");
        LocalFile bigLog = new LocalFile("/ws/build.log", "build.log", 21L * 1024 * 1024);
        assertThat(UploadValidator.validate(new UploadSpec(APK, null, List.of(new MetadataFile(bigLog, null)),
                        valid().build(), null)))
                .containsExactly("metadataArtifacts build.log is 22020096 bytes (21 MiB), 1048576 bytes over the limit:"
                        + " Buildstash takes at most 20971520 bytes (20 MiB) for it");
    }

    @Test
    void aFileOneByteOverItsLimitSaysSoInExactBytes() {
        LocalFile log = new LocalFile("/ws/build.log", "build.log", 20L * 1024 * 1024 + 1);
        LocalFile atLimit = new LocalFile("/ws/ok.log", "ok.log", 20L * 1024 * 1024);
        assertThat(UploadValidator.validate(new UploadSpec(APK, null,
                        List.of(new MetadataFile(log, null), new MetadataFile(atLimit, null)), valid().build(), null)))
                .containsExactly("metadataArtifacts build.log is 20971521 bytes (20 MiB), 1 byte over the limit:"
                        + " Buildstash takes at most 20971520 bytes (20 MiB) for it");
    }

    @Test
    void textLimitsCountUnicodeCharactersNotUtf16Units() {
        String emoji = "🚀";
        assertThat(emoji.length()).isEqualTo(2);
        assertThat(problems(valid().notes(emoji.repeat(1000)))).isEmpty();
        assertThat(problems(valid().notes(emoji.repeat(1001))))
                .containsExactly("notes is 1001 characters long; Buildstash takes at most 1000");
        assertThat(problems(valid().customTarget("目标".repeat(10)))).isEmpty();
        assertThat(problems(valid().customTarget(emoji.repeat(21))))
                .containsExactly("customTarget '" + emoji.repeat(21) + "' is 21 characters long; Buildstash takes at most 20");
        LocalFile longName = new LocalFile("/ws/x", emoji.repeat(251) + ".apk", 10);
        assertThat(UploadValidator.validate(new UploadSpec(longName, null, List.of(), valid().build(), null))).isEmpty();
        LocalFile tooLong = new LocalFile("/ws/x", emoji.repeat(252) + ".apk", 10);
        assertThat(UploadValidator.validate(new UploadSpec(tooLong, null, List.of(), valid().build(), null)))
                .containsExactly("file name '" + emoji.repeat(39) + "…' is 256 characters long; Buildstash takes at most 255");
    }

    @Test
    void anExpansionFileIsTakenOnlyAsAnObbBesideAnApkOnAndroid() {
        LocalFile obb = new LocalFile("/ws/main.1.obb", "main.1.obb", 10);
        LocalFile ipa = new LocalFile("/ws/Game.ipa", "Game.ipa", 10);
        LocalFile zip = new LocalFile("/ws/data.zip", "data.zip", 10);
        assertThat(UploadValidator.validate(new UploadSpec(APK, obb, List.of(), valid().build(), null))).isEmpty();
        assertThat(UploadValidator.validate(new UploadSpec(ipa, obb, List.of(), valid().platform("ios").build(), null)))
                .containsExactly("expansionFile main.1.obb cannot go with file Game.ipa on platform 'ios': Buildstash"
                        + " takes an expansion file only as an Android OBB (.obb) beside an APK (.apk) on platform"
                        + " 'android'. Remove expansionFile, or upload the OBB with its APK");
        assertThat(UploadValidator.validate(new UploadSpec(APK, zip, List.of(), valid().build(), null)))
                .singleElement().asString().startsWith("expansionFile data.zip cannot go with file app.apk on platform 'android'");
    }

    @Test
    void blankOptionsCountAsUnsetAndListsAreTrimmed() {
        UploadOptions o = valid().versionExtra("  ").notes(" ").labels(List.of(" qa ", "", "qa")).build();
        assertThat(o.versionExtra()).isNull();
        assertThat(o.notes()).isNull();
        assertThat(o.labels()).containsExactly("qa");
        assertThat(o.version()).isEqualTo("1.2.3");
    }
}
