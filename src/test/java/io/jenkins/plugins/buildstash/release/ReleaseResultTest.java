package io.jenkins.plugins.buildstash.release;

import static org.assertj.core.api.Assertions.assertThat;

import io.jenkins.plugins.buildstash.api.Sleeper;
import io.jenkins.plugins.buildstash.emulator.NewBuild;
import io.jenkins.plugins.buildstash.upload.TransferSettings;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The map {@code buildstashRelease} returns, read from a release on the emulator. */
class ReleaseResultTest {

    @TempDir
    Path workspace;

    private ReleaseFixture fx;
    private String android;
    private String ios;
    private String release;

    @BeforeEach
    void start() throws Exception {
        fx = ReleaseFixture.onSteppedClock();
        String app = fx.seed.applicationId();
        android = fx.build(NewBuild.of(app, "android", "production", "2.3.0", "game.apk", new byte[1000])
                .withExpansion("main.230.com.example.game.obb", new byte[2000]));
        ios = fx.build("ios", "beta", "2.3.0", "Game.ipa", new byte[3000]);
        release = fx.release("2.3.0", "Spring Update", List.of("approved", "signed"), android, ios);
    }

    @AfterEach
    void stop() {
        fx.close();
    }

    private Map<String, Object> fetch(DownloadPlan plan) throws Exception {
        return new ReleaseFetcher(fx.client(), new LocalDownloadSide(workspace, fx.log::add),
                        new Pacer(Duration.ZERO, Clock.systemUTC(), Sleeper.SYSTEM), fx.log::add)
                .fetch(ReleaseSelection.byVersion(fx.seed.applicationId(), "2.3.0"), plan)
                .asMap();
    }

    @Test
    void theMapDescribesTheReleaseAndEachBuildWithItsFiles() throws Exception {
        Map<String, Object> map = fetch(null);

        assertThat(map).containsOnlyKeys("id", "applicationId", "version", "versionShort", "title", "notes", "labels",
                "createdAt", "webUrl", "buildCount", "builds", "downloaded", "targetFolder");
        assertThat(map)
                .containsEntry("id", release)
                .containsEntry("applicationId", fx.seed.applicationId())
                .containsEntry("version", "2.3.0")
                .containsEntry("versionShort", "2.3.0")
                .containsEntry("title", "Spring Update")
                .containsEntry("notes", "Notes of 2.3.0")
                .containsEntry("labels", List.of("approved", "signed"))
                .containsEntry("createdAt", "2026-11-02T09:01:00Z")
                .containsEntry("buildCount", 2)
                .containsEntry("downloaded", List.of());
        assertThat(map.get("webUrl")).as("the API sends no link to a release's page yet").isNull();
        assertThat(map.get("targetFolder")).as("nothing downloaded").isNull();
        assertThat(map.get("builds")).isEqualTo(List.of(
                Map.of("id", android, "platform", "android", "stream", "production", "version", "2.3.0",
                        "buildInfoUrl", "https://app.buildstash.com/builds/" + android,
                        "files", List.of(
                                Map.of("role", "primary", "name", "game.apk", "size", 1000L),
                                Map.of("role", "expansion", "name", "main.230.com.example.game.obb", "size", 2000L))),
                Map.of("id", ios, "platform", "ios", "stream", "beta", "version", "2.3.0",
                        "buildInfoUrl", "https://app.buildstash.com/builds/" + ios,
                        "files", List.of(Map.of("role", "primary", "name", "Game.ipa", "size", 3000L)))));
        assertPlain(map);
    }

    @Test
    void theMapListsTheDownloadedFilesWithTheirPathsFromTheWorkspace() throws Exception {
        Map<String, Object> map = fetch(new DownloadPlan("out", List.of("ios"), TransferSettings.defaults()));

        assertThat(map.get("downloaded")).isEqualTo(List.of(Map.of("buildId", ios, "platform", "ios", "role", "primary",
                "name", "Game.ipa", "path", "out/ios/Game.ipa", "size", 3000L)));
        assertThat(map).containsEntry("targetFolder", "out");
        assertThat(workspace.resolve("out/ios/Game.ipa")).hasSize(3000);
        assertPlain(map);
    }

    /** Only what Pipeline scripts can hold and the sandbox can read: maps, lists, strings, numbers, booleans. */
    private static void assertPlain(Object value) {
        if (value instanceof Map<?, ?> map) {
            map.forEach((k, v) -> {
                assertThat(k).isInstanceOf(String.class);
                assertPlain(v);
            });
        } else if (value instanceof List<?> list) {
            list.forEach(ReleaseResultTest::assertPlain);
        } else if (value != null) {
            assertThat(value).isInstanceOfAny(String.class, Number.class, Boolean.class);
        }
    }
}
