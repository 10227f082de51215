package io.jenkins.plugins.buildstash.jenkins;

import io.jenkins.plugins.buildstash.jenkins.actions.BuildstashReleaseAction;
import io.jenkins.plugins.buildstash.jenkins.actions.ReleaseRecord;

import static org.assertj.core.api.Assertions.assertThat;

import io.jenkins.plugins.buildstash.release.DownloadedFile;
import io.jenkins.plugins.buildstash.release.ReleaseResult;
import io.jenkins.plugins.buildstash.release.ReleaseResult.BuildSummary;
import io.jenkins.plugins.buildstash.release.ReleaseResult.FileSummary;
import java.lang.reflect.Field;
import java.lang.reflect.Modifier;
import java.util.List;
import org.junit.jupiter.api.Test;

class ReleaseRecordTest {

    private static ReleaseResult result(String webUrl, String buildUrl, List<DownloadedFile> downloaded) {
        return new ReleaseResult("app1", "r1", "2.3.0", "2.3.0", "Spring <b>Update</b>", "## Notes", List.of("qa", "rc"),
                "2026-11-02T09:00:00Z", webUrl,
                List.of(new BuildSummary("b1", "android", "production", "2.3.0", buildUrl,
                                List.of(new FileSummary("primary", "game.apk", 1000),
                                        new FileSummary("expansion", "main.obb", 24))),
                        new BuildSummary("b2", "ios", "beta", "2.3.0", null,
                                List.of(new FileSummary("primary", "Game.ipa", 2048)))),
                downloaded, downloaded.isEmpty() ? null : "out");
    }

    @Test
    void theBuildPageKeepsOnlyHttpsLinks() {
        ReleaseRecord record = new ReleaseRecord(result("javascript:alert(1)", "http://insecure.example/b1", List.of()), 1);
        assertThat(record.getWebUrl()).isNull();
        assertThat(record.getBuilds().get(0).getBuildInfoUrl()).isNull();

        ReleaseRecord secure = new ReleaseRecord(result("https://app.example/r/r1", "https://app.example/b/b1", List.of()), 1);
        assertThat(secure.getWebUrl()).isEqualTo("https://app.example/r/r1");
        assertThat(secure.getBuilds().get(0).getBuildInfoUrl()).isEqualTo("https://app.example/b/b1");
    }

    @Test
    void eachBuildShowsItsFilesAndWhereTheyWereDownloaded() {
        ReleaseRecord record = new ReleaseRecord(result(null, null, List.of(
                new DownloadedFile("b1", "android", "primary", "game.apk", "out/android/game.apk", 1000, 5, 0),
                new DownloadedFile("b1", "android", "expansion", "main.obb", "out/android/main.obb", 24, 5, 0))), 1);

        assertThat(record.getBuildCount()).isEqualTo(2);
        assertThat(record.getLabels()).isEqualTo("qa, rc");
        assertThat(record.getDownloadedCount()).isEqualTo(2);
        assertThat(record.getDownloadedSizeText()).isEqualTo("1 KiB");
        assertThat(record.getTargetFolder()).isEqualTo("out");
        assertThat(record.getBuilds().get(0).getFiles()).isEqualTo("game.apk, main.obb");
        assertThat(record.getBuilds().get(0).getDownloadedTo()).isEqualTo("out/android/game.apk, out/android/main.obb");
        assertThat(record.getBuilds().get(1).getDownloadedTo()).isNull();
    }

    @Test
    void whatBuildXmlKeepsIsStringsNumbersAndOurOwnClasses() {
        for (Class<?> type : List.of(BuildstashReleaseAction.class, ReleaseRecord.class, ReleaseRecord.BuildRecord.class)) {
            for (Field field : type.getDeclaredFields()) {
                if (Modifier.isTransient(field.getModifiers()) || Modifier.isStatic(field.getModifiers())) {
                    continue;
                }
                Class<?> t = field.getType();
                assertThat(t.isPrimitive() || t == String.class || t == List.class
                                || t.getName().startsWith("io.jenkins.plugins.buildstash."))
                        .as(type.getSimpleName() + "." + field.getName() + " of type " + t.getName())
                        .isTrue();
            }
        }
    }
}
