package io.jenkins.plugins.buildstash.release;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.jenkins.plugins.buildstash.api.BuildstashClient;
import io.jenkins.plugins.buildstash.api.RateLimitException;
import io.jenkins.plugins.buildstash.api.Sleeper;
import io.jenkins.plugins.buildstash.api.model.BuildDownload;
import io.jenkins.plugins.buildstash.emulator.EmulatorOptions;
import io.jenkins.plugins.buildstash.emulator.Fault;
import io.jenkins.plugins.buildstash.emulator.NewBuild;
import io.jenkins.plugins.buildstash.emulator.RetryAfter;
import io.jenkins.plugins.buildstash.upload.StorageException;
import io.jenkins.plugins.buildstash.upload.TransferSettings;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Downloads of releases from the emulator into a workspace in this JVM. */
class ReleaseDownloadTest {

    private static final byte[] APK = ReleaseFixture.bytes(700_000, 1);
    private static final byte[] OBB = ReleaseFixture.bytes(1_200_000, 2);
    private static final byte[] IPA = ReleaseFixture.bytes(500_003, 3);
    private static final byte[] EXE = ReleaseFixture.bytes(300_000, 4);

    @TempDir
    Path dir;

    private ReleaseFixture fx;
    private Path workspace;

    @BeforeEach
    void start() throws Exception {
        fx = ReleaseFixture.start(EmulatorOptions.defaults());
        workspace = Files.createDirectories(dir.resolve("workspace"));
    }

    @AfterEach
    void stop() {
        fx.close();
    }

    private String app() {
        return fx.seed.applicationId();
    }

    /** Android with an expansion file, iOS and Windows: "Spring Update" 2.3.0. */
    private String multiPlatformRelease() {
        String android = fx.build(NewBuild.of(app(), "android", "production", "2.3.0", "space-game.apk", APK)
                .withExpansion("main.230.com.example.game.obb", OBB));
        String ios = fx.build("ios", "production", "2.3.0", "SpaceGame.ipa", IPA);
        String windows = fx.build("windows", "beta", "2.3.0", "SpaceGameSetup.exe", EXE);
        return fx.release("2.3.0", "Spring Update", List.of("approved"), android, ios, windows);
    }

    private ReleaseResult fetch(ReleaseSelection selection, DownloadPlan plan) throws Exception {
        return fetch(fx.client(), new Pacer(Duration.ZERO, Clock.systemUTC(), Sleeper.SYSTEM), selection, plan);
    }

    private ReleaseResult fetch(BuildstashClient client, Pacer pacer, ReleaseSelection selection, DownloadPlan plan)
            throws Exception {
        return new ReleaseFetcher(client, new LocalDownloadSide(workspace, fx.log::add), pacer, fx.log::add)
                .fetch(selection, plan);
    }

    private static DownloadPlan plan(String folder, String... platforms) {
        return new DownloadPlan(folder, List.of(platforms), TransferSettings.defaults());
    }

    private String sha256(String relative) throws Exception {
        return ReleaseFixture.sha256(Files.readAllBytes(workspace.resolve(relative)));
    }

    private List<String> filesInWorkspace() throws Exception {
        try (Stream<Path> all = Files.walk(workspace)) {
            return all.filter(Files::isRegularFile).map(p -> workspace.relativize(p).toString().replace('\\', '/'))
                    .sorted().toList();
        }
    }

    @Test
    void aMultiPlatformReleaseArrivesByteIdenticalUnderItsPlatformFolders() throws Exception {
        multiPlatformRelease();

        ReleaseResult result = fetch(ReleaseSelection.byVersion(app(), "2.3.0"), plan(null));

        assertThat(filesInWorkspace()).containsExactly(
                "buildstash-release/android/main.230.com.example.game.obb",
                "buildstash-release/android/space-game.apk",
                "buildstash-release/ios/SpaceGame.ipa",
                "buildstash-release/windows/SpaceGameSetup.exe");
        assertThat(sha256("buildstash-release/android/space-game.apk")).isEqualTo(ReleaseFixture.sha256(APK));
        assertThat(sha256("buildstash-release/android/main.230.com.example.game.obb")).isEqualTo(ReleaseFixture.sha256(OBB));
        assertThat(sha256("buildstash-release/ios/SpaceGame.ipa")).isEqualTo(ReleaseFixture.sha256(IPA));
        assertThat(sha256("buildstash-release/windows/SpaceGameSetup.exe")).isEqualTo(ReleaseFixture.sha256(EXE));
        assertThat(result.downloaded()).extracting(DownloadedFile::role, DownloadedFile::path, DownloadedFile::size)
                .containsExactly(
                        org.assertj.core.groups.Tuple.tuple("primary", "buildstash-release/android/space-game.apk", 700_000L),
                        org.assertj.core.groups.Tuple.tuple("expansion",
                                "buildstash-release/android/main.230.com.example.game.obb", 1_200_000L),
                        org.assertj.core.groups.Tuple.tuple("primary", "buildstash-release/ios/SpaceGame.ipa", 500_003L),
                        org.assertj.core.groups.Tuple.tuple("primary", "buildstash-release/windows/SpaceGameSetup.exe",
                                300_000L));
        assertThat(result.targetFolder()).isEqualTo("buildstash-release");
        assertThat(fx.emulator.requestCount("downloadBuild")).isEqualTo(3);
        assertThat(fx.emulator.requestLog()).filteredOn(r -> r.route().equals("storageGetObject")).hasSize(4);
        assertThat(fx.log).contains("Downloaded 4 files (2.57 MiB) of release 2.3.0");
        assertThat(String.join("\n", fx.log)).doesNotContain("X-Emu-Signature");
    }

    @Test
    void downloadCallsArePacedByTheIntervalOneBuildAtATime() throws Exception {
        multiPlatformRelease();
        ReleaseFixture.SteppedClock clock = new ReleaseFixture.SteppedClock(Instant.parse("2026-11-02T09:00:00Z"));
        List<Duration> waits = new ArrayList<>();
        Pacer pacer = new Pacer(Duration.ofSeconds(2), clock, d -> {
            waits.add(d);
            clock.advance(d);
        });

        fetch(fx.client(), pacer, ReleaseSelection.byVersion(app(), "2.3.0"), plan(null));

        assertThat(waits).as("before the 2nd and 3rd download call").containsExactly(Duration.ofSeconds(2),
                Duration.ofSeconds(2));
        assertThat(fx.log).anyMatch(l -> l.contains("one download request every 2 s"));
    }

    @Test
    void downloadPlatformsChoosesTheBuildsAndAnotherFolderTakesThem() throws Exception {
        multiPlatformRelease();

        ReleaseResult result = fetch(ReleaseSelection.byVersion(app(), "2.3.0"), plan("deploy/2.3.0", "IOS", "windows"));

        assertThat(filesInWorkspace()).containsExactly("deploy/2.3.0/ios/SpaceGame.ipa",
                "deploy/2.3.0/windows/SpaceGameSetup.exe");
        assertThat(result.builds()).as("the release still lists every build").hasSize(3);
        assertThat(fx.emulator.requestCount("downloadBuild")).isEqualTo(2);
    }

    @Test
    void aPlatformTheReleaseHasNoBuildOnIsRefusedBeforeAnyDownload() throws Exception {
        multiPlatformRelease();

        assertThatThrownBy(() -> fetch(ReleaseSelection.byVersion(app(), "2.3.0"), plan(null, "android", "macos")))
                .isInstanceOf(ReleaseException.class)
                .hasMessage("Release 2.3.0 has no build on macos: downloadPlatforms can name android, ios, windows");
        assertThat(fx.emulator.requestCount("downloadBuild")).isZero();
    }

    @Test
    void aTargetFolderOutsideTheWorkspaceIsRefusedBeforeAnyRequest() {
        for (String folder : List.of("../outside", "/tmp/outside", "out/../../x")) {
            assertThatThrownBy(() -> fetch(ReleaseSelection.newest(app(), List.of(), List.of()), plan(folder)))
                    .as(folder).isInstanceOf(ReleaseException.class).hasMessageStartingWith("targetFolder '" + folder);
        }
        assertThat(fx.emulator.requestLog()).isEmpty();
        assertThat(dir.resolve("outside")).doesNotExist();
    }

    @Test
    void fileNamesThatTryToEscapeAreRefusedBeforeAnythingIsDownloaded() throws Exception {
        for (String name : List.of("../x", "/etc/passwd", "a\\b", "..")) {
            String build = fx.build("android", "production", "2.3.0", name, APK);
            String release = fx.release("2.3.0", null, List.of(), build);

            assertThatThrownBy(() -> fetch(ReleaseSelection.byId(app(), release), plan(null)))
                    .as(name)
                    .isInstanceOf(ReleaseException.class)
                    .hasMessageStartingWith("Refused the file name '" + name + "' of build '" + build
                            + "' (android 2.3.0, stream production): ")
                    .hasMessageEndingWith("Names from Buildstash must be plain names; nothing was written for it");
        }
        assertThat(fx.emulator.requestCount("downloadBuild")).isZero();
        assertThat(fx.emulator.requestCount("storageGetObject")).isZero();
        try (Stream<Path> all = Files.walk(dir)) {
            assertThat(all.filter(p -> !p.equals(dir) && !p.equals(workspace)).toList()).as("nothing written").isEmpty();
        }
    }

    @Test
    void aNameThatOnlyTheDownloadRouteSendsIsCheckedToo() throws Exception {
        String build = fx.build("android", "production", "2.3.0", "space-game.apk", APK);
        String release = fx.release("2.3.0", null, List.of(), build);
        injectUniversalApk(build, "../../evil.apk");

        assertThatThrownBy(() -> fetch(ReleaseSelection.byId(app(), release), plan(null)))
                .isInstanceOf(ReleaseException.class)
                .hasMessageStartingWith("Refused the file name '../../evil.apk' of build '" + build + "'");
        assertThat(fx.emulator.requestCount("storageGetObject")).isZero();
        assertThat(filesInWorkspace()).isEmpty();
    }

    @Test
    void aUniversalApkIsDownloadedBesideThePrimaryFile() throws Exception {
        String build = fx.build("android", "production", "2.3.0", "space-game.aab", APK);
        String release = fx.release("2.3.0", null, List.of(), build);
        injectUniversalApk(build, "space-game-universal.apk");

        ReleaseResult result = fetch(ReleaseSelection.byId(app(), release), plan(null));

        assertThat(result.downloaded()).extracting(DownloadedFile::role, DownloadedFile::name).containsExactly(
                org.assertj.core.groups.Tuple.tuple("primary", "space-game.aab"),
                org.assertj.core.groups.Tuple.tuple("universalApk", "space-game-universal.apk"));
        assertThat(sha256("buildstash-release/android/space-game-universal.apk")).isEqualTo(ReleaseFixture.sha256(APK));
    }

    /**
     * The emulator sends no universal APK: the next download answer gets one, served from the primary file's
     * temporary URL under another name.
     */
    private void injectUniversalApk(String build, String name) throws Exception {
        BuildDownload real = fx.client().getBuildDownload(app(), build);
        Map<String, Object> primary = new LinkedHashMap<>();
        primary.put("temp_url", real.primaryFile().tempUrl());
        primary.put("filename", real.primaryFile().filename());
        primary.put("size_bytes", real.primaryFile().sizeBytes());
        Map<String, Object> universal = new LinkedHashMap<>(primary);
        universal.put("filename", name);
        String body = io.jenkins.plugins.buildstash.api.Json.MAPPER.writeValueAsString(
                Map.of("message", "ok", "primary_file", primary, "universal_apk", universal));
        fx.emulator.faults().on("downloadBuild").once().inject(Fault.status(200).withBody("application/json", body));
    }

    @Test
    void twoFilesForOnePathAreRefusedBeforeAnythingIsDownloaded() throws Exception {
        String first = fx.build("android", "production", "2.3.0", "game.apk", APK);
        String second = fx.build("android", "beta", "2.3.0", "game.apk", OBB);
        String release = fx.release("2.3.0", null, List.of(), first, second);

        assertThatThrownBy(() -> fetch(ReleaseSelection.byId(app(), release), plan(null)))
                .isInstanceOf(ReleaseException.class)
                .hasMessage("Two files of the release would be written to buildstash-release/android/game.apk: 'game.apk'"
                        + " of build '" + second + "' (android 2.3.0, stream beta) and the file of that name of build '"
                        + first + "'. Download them separately: one platform per step with downloadPlatforms, each"
                        + " into its own targetFolder");
        assertThat(fx.emulator.requestCount("downloadBuild")).isZero();
    }

    @Test
    void filesWithUnicodeNamesAreDownloadedUnderTheirNames() throws Exception {
        String android = fx.build(NewBuild.of(app(), "android", "production", "3.0.0", "jeu-été 游戏🚀.apk", APK)
                .withExpansion("main.3.لعبة \"x\".obb", OBB));
        fx.release("3.0.0", "Unicode", List.of(), android);

        fetch(ReleaseSelection.byVersion(app(), "3.0.0"), plan(null));

        assertThat(filesInWorkspace()).containsExactly(
                "buildstash-release/android/jeu-été 游戏🚀.apk",
                "buildstash-release/android/main.3.لعبة \"x\".obb");
        assertThat(sha256("buildstash-release/android/jeu-été 游戏🚀.apk")).isEqualTo(ReleaseFixture.sha256(APK));
        assertThat(sha256("buildstash-release/android/main.3.لعبة \"x\".obb")).isEqualTo(ReleaseFixture.sha256(OBB));
    }

    @Test
    void aFileWhoseStoredLengthDisagreesWithBuildstashIsNotFetchedAgain() throws Exception {
        multiPlatformRelease();
        // Storage serves half the file, with a Content-Length that says so: the same answer would come again.
        fx.emulator.faults().on("storageGetObject").once().inject(Fault.truncateBody());

        assertThatThrownBy(() -> fetch(ReleaseSelection.byVersion(app(), "2.3.0"), plan(null, "android")))
                .isInstanceOf(StorageException.class)
                .hasMessage("Storage announced 350000 bytes for buildstash-release/android/space-game.apk, but"
                        + " Buildstash said the file has 700000: the stored file is not the one Buildstash describes,"
                        + " and fetching it again cannot change that. Tell Buildstash about this build");
        assertThat(fx.emulator.requestCount("storageGetObject")).isEqualTo(1);
        assertThat(fx.log).noneMatch(l -> l.startsWith("Retrying"));
    }

    @Test
    void expiredTemporaryUrlsAreRenewedOnce() throws Exception {
        multiPlatformRelease();
        fx.emulator.faults().on("storageGetObject").once().inject(Fault.expiredUrl());

        fetch(ReleaseSelection.byVersion(app(), "2.3.0"), plan(null, "ios"));

        assertThat(sha256("buildstash-release/ios/SpaceGame.ipa")).isEqualTo(ReleaseFixture.sha256(IPA));
        assertThat(fx.emulator.requestCount("downloadBuild")).isEqualTo(2);
        assertThat(fx.log).anyMatch(l -> l.matches("The temporary URLs of build .* expired; asking Buildstash for new ones"));
    }

    @Test
    void aWaitLongerThanTwoMinutesFailsClearlyWithoutWaiting() throws Exception {
        multiPlatformRelease();
        fx.emulator.faults().on("downloadBuild").always()
                .inject(Fault.status(429).withRetryAfter(RetryAfter.seconds(300)));
        List<Duration> waits = new ArrayList<>();

        assertThatThrownBy(() -> fetch(fx.clientWithoutWaits(waits), new Pacer(Duration.ZERO, Clock.systemUTC(),
                        Sleeper.SYSTEM), ReleaseSelection.byVersion(app(), "2.3.0"), plan(null)))
                .isInstanceOf(RateLimitException.class)
                .hasMessageContaining("Buildstash is rate-limiting GET /applications/" + app() + "/builds/")
                .hasMessageContaining("(HTTP 429, asked to wait 300 s)")
                .hasMessageContaining("Buildstash asked to wait 300 s, longer than the 120 s we wait at most");
        assertThat(waits).isEmpty();
        assertThat(filesInWorkspace()).isEmpty();
    }
}
