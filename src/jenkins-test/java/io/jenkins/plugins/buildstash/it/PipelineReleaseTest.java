package io.jenkins.plugins.buildstash.it;

import static org.assertj.core.api.Assertions.assertThat;

import hudson.FilePath;
import hudson.model.Result;
import io.jenkins.plugins.buildstash.it.Harness.SeededRelease;
import io.jenkins.plugins.buildstash.jenkins.actions.BuildstashReleaseAction;
import io.jenkins.plugins.buildstash.jenkins.actions.ReleaseRecord;
import java.util.Arrays;
import org.jenkinsci.plugins.workflow.job.WorkflowJob;
import org.jenkinsci.plugins.workflow.job.WorkflowRun;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.jvnet.hudson.test.JenkinsRule;
import org.jvnet.hudson.test.junit.jupiter.WithJenkins;

/** {@code buildstashRelease} in scripted and declarative Pipelines, with and without {@code download}, on an agent. */
@WithJenkins
class PipelineReleaseTest {

    private JenkinsRule r;
    private Harness h;
    private SeededRelease release;

    @BeforeEach
    void setUp(JenkinsRule rule) throws Exception {
        this.r = rule;
        this.h = Harness.start(r);
        this.release = h.seedRelease();
    }

    @AfterEach
    void noSecretLeft() throws Exception {
        try {
            h.assertNoSecretLeft();
        } finally {
            h.close();
        }
    }

    @Test
    void scriptedPipelineReadsAReleaseByVersionWithoutDownloadingIt() throws Exception {
        WorkflowJob job = h.pipeline("promote", """
                node('remote') {
                    def release = buildstashRelease credentialsId: 'buildstash-app-key', version: '2.3.0'
                    echo "ID=${release.id} VERSION=${release.version} COUNT=${release.buildCount}"
                    echo "TITLE=[${release.title}] LABELS=${release.labels.join(',')}"
                    echo "PLATFORMS=${release.builds.collect { it.platform }.join(',')}"
                    def windows = release.builds.find { it.platform == 'windows' }
                    echo "WINDOWS_FILE=${windows.files[0].name} WINDOWS_SIZE=${windows.files[0].size}"
                    echo "WINDOWS_PAGE=${windows.buildInfoUrl}"
                    echo "DOWNLOADED=${release.downloaded.size()} FOLDER=${release.targetFolder}"
                }
                """);

        WorkflowRun run = r.buildAndAssertSuccess(job);

        assertThat(Harness.logValue(run, "ID")).isEqualTo(release.id());
        assertThat(Harness.logValue(run, "VERSION")).isEqualTo("2.3.0");
        assertThat(Harness.logValue(run, "COUNT")).isEqualTo("2");
        r.assertLogContains("TITLE=[Summer Update] LABELS=approved", run);
        assertThat(Arrays.asList(Harness.logValue(run, "PLATFORMS").split(",")))
                .containsExactlyInAnyOrder("windows", "android");
        assertThat(Harness.logValue(run, "WINDOWS_FILE")).isEqualTo(SeededRelease.WINDOWS_FILE);
        assertThat(Harness.logValue(run, "WINDOWS_SIZE")).isEqualTo("200000");
        assertThat(Harness.logValue(run, "WINDOWS_PAGE"))
                .isEqualTo("https://app.buildstash.com/builds/" + release.windowsBuildId());
        assertThat(Harness.logValue(run, "DOWNLOADED")).isEqualTo("0");
        assertThat(Harness.logValue(run, "FOLDER")).isEqualTo("null");
        assertThat(h.emulator.requestCount("downloadBuild")).isZero();
        assertThat(h.emulator.requestCount("storageGetObject")).isZero();
        assertThat(h.workspace(job).child("buildstash-release").exists()).isFalse();
        ReleaseRecord recorded = run.getAction(BuildstashReleaseAction.class).getLatest();
        assertThat(recorded.getReleaseId()).isEqualTo(release.id());
        assertThat(recorded.getDownloadedCount()).isZero();
    }

    @Test
    void declarativePipelineDownloadsTheReleaseAndALaterShellStepReadsTheFiles() throws Exception {
        WorkflowJob job = h.pipeline("deploy", """
                pipeline {
                    agent { label 'remote' }
                    stages {
                        stage('Fetch') {
                            steps {
                                buildstashRelease credentialsId: 'buildstash-app-key', labels: 'approved',
                                        download: true, downloadPlatforms: 'windows', targetFolder: 'deploy'
                            }
                        }
                        stage('Fetch all') {
                            steps {
                                script {
                                    def release = buildstashRelease(credentialsId: 'buildstash-app-key',
                                            releaseId: '%s', download: true)
                                    release.downloaded.each { f ->
                                        echo "GOT_${f.platform}_${f.role}=${f.path}:${f.size}"
                                    }
                                    env.RELEASE_FOLDER = release.targetFolder
                                }
                            }
                        }
                        stage('Deploy') {
                            steps {
                                sh 'sha256sum deploy/windows/SpaceGameSetup.exe "$RELEASE_FOLDER/android/space-game.apk"'
                            }
                        }
                    }
                }
                """.formatted(release.id()));

        WorkflowRun run = r.buildAndAssertSuccess(job);

        FilePath workspace = h.workspace(job);
        assertThat(Harness.sha256(workspace.child("deploy/windows/" + SeededRelease.WINDOWS_FILE)))
                .isEqualTo(release.windowsSha());
        assertThat(workspace.child("deploy/android").exists()).as("downloadPlatforms: windows only").isFalse();
        assertThat(Harness.sha256(workspace.child("buildstash-release/android/" + SeededRelease.ANDROID_FILE)))
                .isEqualTo(release.androidSha());
        assertThat(Harness.logValue(run, "GOT_windows_primary"))
                .isEqualTo("buildstash-release/windows/SpaceGameSetup.exe:200000");
        assertThat(Harness.logValue(run, "GOT_android_primary"))
                .isEqualTo("buildstash-release/android/space-game.apk:120000");
        // The shell step on the agent sees the very bytes Buildstash holds.
        r.assertLogContains(release.windowsSha() + "  deploy/windows/SpaceGameSetup.exe", run);
        r.assertLogContains(release.androidSha() + "  buildstash-release/android/space-game.apk", run);
        assertThat(workspace.list("**/*.part")).as("no partial file left").isEmpty();
        assertThat(run.getAction(BuildstashReleaseAction.class).getReleases())
                .extracting(ReleaseRecord::getTargetFolder).containsExactly("deploy", "buildstash-release");
    }

    @Test
    void aVersionWithNoReleaseFailsListingTheVersionsThatExist() throws Exception {
        WorkflowJob job = h.pipeline("missing-version", """
                node('remote') {
                    buildstashRelease credentialsId: 'buildstash-app-key', version: '9.9.9', download: true
                }
                """);

        WorkflowRun run = r.buildAndAssertStatus(Result.FAILURE, job);

        r.assertLogContains("has the version '9.9.9'", run);
        r.assertLogContains("2.3.0", run);
        r.assertLogNotContains("\tat ", run);
        assertThat(h.emulator.requestCount("storageGetObject")).isZero();
        assertThat(run.getAction(BuildstashReleaseAction.class)).isNull();
    }

    @Test
    void releaseIdAndVersionTogetherAreRefusedBeforeAnyRequest() throws Exception {
        WorkflowJob job = h.pipeline("both", "node('remote') {\n buildstashRelease credentialsId: 'buildstash-app-key', "
                + "releaseId: '" + release.id() + "', version: '2.3.0'\n}\n");

        WorkflowRun run = r.buildAndAssertStatus(Result.FAILURE, job);

        r.assertLogContains("Set either releaseId or version, not both", run);
        assertThat(h.emulator.requestCount("listReleases") + h.emulator.requestCount("getRelease")).isZero();
    }
}
