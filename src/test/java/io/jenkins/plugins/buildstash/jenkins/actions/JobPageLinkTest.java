package io.jenkins.plugins.buildstash.jenkins.actions;

import static org.assertj.core.api.Assertions.assertThat;

import hudson.model.Action;
import io.jenkins.plugins.buildstash.upload.UploadResult;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Collection;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Issue 15: the job page's link to the newest upload costs the same with 1 build or 1,000, and loads none. */
class JobPageLinkTest {

    @TempDir
    Path jobs;

    @AfterEach
    void forget() {
        LatestUploads.forgetAll();
    }

    private static UploadRecord upload(String id, String version, String url) {
        return new UploadRecord(new UploadResult(id, false, url, null, "android", "beta", version,
                List.of(new UploadResult.UploadedFile("primary", "app.apk", 10, null)), List.of(), List.of(), 5, 0), 1);
    }

    @Test
    void theLinkShowsTheNewestUploadWithoutLoadingABuild() throws Exception {
        SyntheticJob job = new SyntheticJob(jobs.resolve("game").toFile(), 1000);
        LatestUploads.record(job, upload("b1", "1.0.0", "https://app.buildstash.com/builds/b1"));
        LatestUploads.record(job, upload("b2", "1.1.0", "https://app.buildstash.com/builds/b2"));

        Collection<? extends Action> actions = new BuildstashJobActionFactory().createFor(job);

        assertThat(actions).singleElement().satisfies(a -> {
            assertThat(a.getDisplayName()).isEqualTo("Latest Buildstash build (1.1.0)");
            assertThat(a.getUrlName()).isEqualTo("https://app.buildstash.com/builds/b2");
        });
        assertThat(job.buildsLoaded).hasValue(0);
    }

    @Test
    void theLinkSurvivesARestartFromTheJobsFolder() throws Exception {
        SyntheticJob job = new SyntheticJob(jobs.resolve("game").toFile(), 1000);
        LatestUploads.record(job, upload("b7", "2.0.0", "https://app.buildstash.com/builds/b7"));
        LatestUploads.forgetAll();

        assertThat(new BuildstashJobActionFactory().createFor(job)).singleElement()
                .satisfies(a -> assertThat(a.getUrlName()).isEqualTo("https://app.buildstash.com/builds/b7"));
        assertThat(jobs.resolve("game").resolve(LatestUploads.FILE_NAME)).exists();
        assertThat(job.buildsLoaded).hasValue(0);
    }

    @Test
    void aTamperedFileWithoutAnHttpsLinkGivesNoLink() throws Exception {
        Path dir = Files.createDirectories(jobs.resolve("game"));
        Files.writeString(dir.resolve(LatestUploads.FILE_NAME), "buildId=b1\nversion=1\nbuildInfoUrl=javascript:alert(1)\n");

        assertThat(new BuildstashJobActionFactory().createFor(new SyntheticJob(dir.toFile(), 1))).isEmpty();
    }

    @Test
    void aJobThatNeverUploadedHasNoLinkAndLoadsNoBuild() {
        SyntheticJob job = new SyntheticJob(jobs.resolve("tools").toFile(), 1000);

        assertThat(new BuildstashJobActionFactory().createFor(job)).isEmpty();
        assertThat(job.buildsLoaded).hasValue(0);
    }

    @Test
    void anUploadWithoutAnHttpsBuildPageLeavesTheLinkAsItWas() throws Exception {
        SyntheticJob job = new SyntheticJob(jobs.resolve("game").toFile(), 3);
        LatestUploads.record(job, upload("b1", "1.0.0", "https://app.buildstash.com/builds/b1"));
        LatestUploads.record(job, upload("b2", "1.0.1", "javascript:alert(1)"));

        assertThat(new BuildstashJobActionFactory().createFor(job)).singleElement()
                .satisfies(a -> assertThat(a.getUrlName()).isEqualTo("https://app.buildstash.com/builds/b1"));
    }
}
