package io.jenkins.plugins.buildstash.jenkins;

import io.jenkins.plugins.buildstash.jenkins.actions.BuildstashRunAction;
import io.jenkins.plugins.buildstash.jenkins.actions.UploadRecord;
import io.jenkins.plugins.buildstash.jenkins.actions.BuildstashReleaseAction;
import io.jenkins.plugins.buildstash.jenkins.actions.ReleaseRecord;
import io.jenkins.plugins.buildstash.release.ReleaseResult;

import static org.assertj.core.api.Assertions.assertThat;

import io.jenkins.plugins.buildstash.upload.UploadResult;
import io.jenkins.plugins.buildstash.upload.UploadResult.UploadedFile;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.Test;

class BuildPageActionsTest {

    static UploadResult result(String id, String infoUrl) {
        return new UploadResult(id, true, infoUrl, infoUrl == null ? null : infoUrl + "/download", "android", "beta",
                "1.2.3-rc.1", List.of(new UploadedFile("primary", "app.apk", 2048, null),
                        new UploadedFile("expansion", "main.obb", 1024, null)),
                List.of(new UploadedFile("metadata", "sbom.json", 10, "m1")), List.of(), 1234, 0);
    }

    @Test
    void onlyHttpsLinksFromTheApiAreKeptForTheBuildPage() {
        assertThat(UploadRecord.httpsOrNull("https://app.buildstash.com/builds/1")).isEqualTo("https://app.buildstash.com/builds/1");
        assertThat(UploadRecord.httpsOrNull("HTTPS://app.buildstash.com/x")).isEqualTo("HTTPS://app.buildstash.com/x");
        assertThat(UploadRecord.httpsOrNull("javascript:alert(1)")).isNull();
        assertThat(UploadRecord.httpsOrNull("http://app.buildstash.com/builds/1")).isNull();
        assertThat(UploadRecord.httpsOrNull("//evil.example/x")).isNull();
        assertThat(UploadRecord.httpsOrNull("https:///nohost")).isNull();
        assertThat(UploadRecord.httpsOrNull("not a url")).isNull();
        assertThat(UploadRecord.httpsOrNull(null)).isNull();
    }

    @Test
    void aRecordKeepsWhatTheBuildPageShows() {
        UploadRecord record = new UploadRecord(result("b1", "https://app.buildstash.com/builds/b1"), 42);
        assertThat(record.getFileName()).isEqualTo("app.apk");
        assertThat(record.getExpansionName()).isEqualTo("main.obb");
        assertThat(record.getMetadataCount()).isEqualTo(1);
        assertThat(record.getSizeBytes()).isEqualTo(3082);
        assertThat(record.getSizeText()).isEqualTo("3.01 KiB");
        assertThat(record.getDownloadUrl()).isEqualTo("https://app.buildstash.com/builds/b1/download");
        assertThat(new UploadRecord(result("b2", "javascript:alert(1)"), 1).getBuildInfoUrl()).isNull();
    }

    @Test
    void parallelBranchesAllLandInOneAction() throws Exception {
        JenkinsDoubles.FakeRun run = new JenkinsDoubles.FakeRun();
        int branches = 16;
        ExecutorService pool = Executors.newFixedThreadPool(8);
        CountDownLatch start = new CountDownLatch(1);
        List<Future<?>> done = new ArrayList<>();
        for (int i = 0; i < branches; i++) {
            String id = "b" + i;
            done.add(pool.submit(() -> {
                start.await();
                BuildstashRunAction.record(run, new UploadRecord(result(id, "https://x.example/" + id), 0));
                return null;
            }));
        }
        start.countDown();
        for (Future<?> f : done) {
            f.get();
        }
        pool.shutdown();
        assertThat(run.actions).hasSize(1);
        BuildstashRunAction action = run.getAction(BuildstashRunAction.class);
        assertThat(action.getUploads()).extracting(UploadRecord::getBuildId).hasSize(branches).doesNotHaveDuplicates();
        assertThat(run.saves.get()).isEqualTo(branches);
    }

    @Test
    void laterFreestyleStepsSeeTheLatestUpload() throws Exception {
        JenkinsDoubles.FakeRun run = new JenkinsDoubles.FakeRun();
        BuildstashRunAction.record(run, new UploadRecord(result("first", "https://app.buildstash.com/builds/first"), 0));
        BuildstashRunAction.record(run, new UploadRecord(result("second", "javascript:x"), 0));
        JenkinsDoubles.FakeEnv env = new JenkinsDoubles.FakeEnv(Map.of());
        run.getAction(BuildstashRunAction.class).buildEnvironment(run, env);
        assertThat(env).containsEntry("BUILDSTASH_BUILD_ID", "second")
                .containsEntry("BUILDSTASH_PENDING_PROCESSING", "true")
                .containsEntry("BUILDSTASH_UPLOAD_COUNT", "2")
                .doesNotContainKey("BUILDSTASH_BUILD_URL");
    }

    @Test
    void valuesBuildstashLeftOutAreNotExportedAsNullVariables() throws Exception {
        // A null value makes EnvVars throw, and every later step of the run then fails ("Null value not allowed").
        JenkinsDoubles.FakeRun run = new JenkinsDoubles.FakeRun();
        BuildstashRunAction.record(run, new UploadRecord(result(null, null), 0));
        JenkinsDoubles.FakeEnv env = new JenkinsDoubles.FakeEnv(Map.of());
        run.getAction(BuildstashRunAction.class).buildEnvironment(run, env);
        assertThat(env).containsOnlyKeys("BUILDSTASH_PENDING_PROCESSING", "BUILDSTASH_UPLOAD_COUNT");

        ReleaseResult unversioned = new ReleaseResult("app1", "r1", null, null, null, null, List.of(), null, null,
                List.of(), List.of(), null);
        BuildstashReleaseAction.record(run, new ReleaseRecord(unversioned, 0));
        JenkinsDoubles.FakeEnv releaseEnv = new JenkinsDoubles.FakeEnv(Map.of());
        run.getAction(BuildstashReleaseAction.class).buildEnvironment(run, releaseEnv);
        assertThat(releaseEnv).containsOnlyKeys("BUILDSTASH_RELEASE_ID").containsEntry("BUILDSTASH_RELEASE_ID", "r1");
    }

    @Test
    void theBuildPagesHaveURLNamesOfTheirOwn() {
        // "buildstash" is the URL name of the official Buildstash plugin's action: a build with both would show one.
        assertThat(List.of(new BuildstashRunAction().getUrlName(), new BuildstashReleaseAction().getUrlName()))
                .containsExactly("buildstash-uploader", "buildstash-uploader-releases");
    }

    @Test
    void theActionHasNoLinksBeforeAnyUpload() {
        BuildstashRunAction empty = new BuildstashRunAction();
        JenkinsDoubles.FakeEnv env = new JenkinsDoubles.FakeEnv(Map.of());
        empty.buildEnvironment(new JenkinsDoubles.FakeRun(), env);
        assertThat(env).isEmpty();
        assertThat(empty.getLatest()).isNull();

    }
}
