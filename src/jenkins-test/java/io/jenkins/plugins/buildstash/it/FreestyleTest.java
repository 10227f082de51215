package io.jenkins.plugins.buildstash.it;

import static org.assertj.core.api.Assertions.assertThat;

import hudson.Launcher;
import hudson.model.AbstractBuild;
import hudson.model.AbstractProject;
import hudson.model.BuildListener;
import hudson.model.FreeStyleBuild;
import hudson.model.FreeStyleProject;
import hudson.model.ParametersDefinitionProperty;
import hudson.model.Result;
import hudson.model.StringParameterDefinition;
import hudson.tasks.BuildStepDescriptor;
import hudson.tasks.BuildStepMonitor;
import hudson.tasks.Notifier;
import hudson.tasks.Publisher;
import hudson.tasks.Shell;
import io.jenkins.plugins.buildstash.api.model.Build;
import io.jenkins.plugins.buildstash.api.model.Label;
import io.jenkins.plugins.buildstash.emulator.StoredBuild;
import io.jenkins.plugins.buildstash.it.Harness.SeededRelease;
import io.jenkins.plugins.buildstash.jenkins.actions.BuildstashReleaseAction;
import io.jenkins.plugins.buildstash.jenkins.actions.BuildstashRunAction;
import io.jenkins.plugins.buildstash.jenkins.freestyle.BuildstashReleaseDownloadBuilder;
import io.jenkins.plugins.buildstash.jenkins.freestyle.BuildstashUploadRecorder;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.jvnet.hudson.test.JenkinsRule;
import org.jvnet.hudson.test.TestExtension;
import org.jvnet.hudson.test.junit.jupiter.WithJenkins;

/**
 * The Freestyle post-build action and the release download step on an agent: {@code ${VAR}} in their fields, and the
 * {@code BUILDSTASH_*} variables they leave for later shell steps.
 */
@WithJenkins
class FreestyleTest {

    private JenkinsRule r;
    private Harness h;

    @BeforeEach
    void setUp(JenkinsRule rule) throws Exception {
        this.r = rule;
        this.h = Harness.start(r);
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
    void postBuildActionExpandsVariablesAndALaterShellStepReadsTheResult() throws Exception {
        FreeStyleProject job = project("space-game-freestyle");
        job.addProperty(new ParametersDefinitionProperty(
                new StringParameterDefinition("APP", "SpaceGame"),
                new StringParameterDefinition("STREAM", "nightly"),
                new StringParameterDefinition("MAJOR", "4")));
        // A real build step writes the file on the agent.
        job.getBuildersList().add(new Shell("mkdir -p out && head -c 123457 /dev/urandom > \"out/$APP-$BUILD_NUMBER.zip\""));
        BuildstashUploadRecorder upload = new BuildstashUploadRecorder("out/${APP}-${BUILD_NUMBER}.zip");
        upload.setCredentialsId(Harness.APP_KEY_ID);
        upload.setPlatform("windows");
        upload.setStream("${STREAM}");
        upload.setVersionMajor("${MAJOR}");
        upload.setVersionMinor("0");
        upload.setVersionPatch("${BUILD_NUMBER}");
        upload.setLabels("${STREAM}, jenkins");
        upload.setNotes("Build ${BUILD_NUMBER} of ${JOB_NAME}");
        job.getPublishersList().add(upload);
        job.getPublishersList().add(new ShellNotifier("echo \"SEEN_ID=$BUILDSTASH_BUILD_ID\"; "
                + "echo \"SEEN_URL=$BUILDSTASH_BUILD_URL\"; echo \"SEEN_DOWNLOAD=$BUILDSTASH_DOWNLOAD_URL\"; "
                + "echo \"SEEN_PENDING=$BUILDSTASH_PENDING_PROCESSING\"; echo \"SEEN_COUNT=$BUILDSTASH_UPLOAD_COUNT\""));

        FreeStyleBuild run = r.buildAndAssertSuccess(job);

        r.assertLogContains("Building remotely on " + h.agent.getNodeName(), run);
        String buildId = Harness.logValue(run, "SEEN_ID");
        assertThat(Harness.logValue(run, "SEEN_URL")).isEqualTo("https://app.buildstash.com/builds/" + buildId);
        assertThat(Harness.logValue(run, "SEEN_DOWNLOAD"))
                .isEqualTo("https://app.buildstash.com/builds/" + buildId + "/download");
        assertThat(Harness.logValue(run, "SEEN_PENDING")).isEqualTo("false");
        assertThat(Harness.logValue(run, "SEEN_COUNT")).isEqualTo("1");
        StoredBuild stored = h.stored(buildId);
        assertThat(stored.primary().filename()).isEqualTo("SpaceGame-1.zip");
        assertThat(stored.primary().sizeBytes()).isEqualTo(123_457);
        assertThat(stored.primary().sha256()).isEqualTo(Harness.sha256(h.workspace(job).child("out/SpaceGame-1.zip")));
        assertThat(stored.stream()).isEqualTo("nightly");
        assertThat(stored.version()).isEqualTo("4.0.1");
        Build api = h.apiBuild(buildId);
        assertThat(api.labels()).extracting(Label::name).containsExactlyInAnyOrder("nightly", "jenkins");
        assertThat(api.notes()).isEqualTo("Build 1 of space-game-freestyle");
        assertThat(api.ciPipeline().ciPipelineName()).isEqualTo("space-game-freestyle");
    }

    @Test
    void releaseDownloadStepExpandsVariablesAndALaterShellStepFindsTheFiles() throws Exception {
        SeededRelease release = h.seedRelease();
        FreeStyleProject job = project("deploy-freestyle");
        job.addProperty(new ParametersDefinitionProperty(
                new StringParameterDefinition("RELEASE_VERSION", "2.3.0"),
                new StringParameterDefinition("PLATFORM", "windows")));
        BuildstashReleaseDownloadBuilder download = new BuildstashReleaseDownloadBuilder();
        download.setCredentialsId(Harness.APP_KEY_ID);
        download.setVersion("${RELEASE_VERSION}");
        download.setDownloadPlatforms("${PLATFORM}");
        download.setTargetFolder("deploy/${BUILD_NUMBER}");
        job.getBuildersList().add(download);
        job.getBuildersList().add(new Shell("echo \"FOLDER=$BUILDSTASH_RELEASE_FOLDER\"; "
                + "echo \"VERSION=$BUILDSTASH_RELEASE_VERSION\"; echo \"ID=$BUILDSTASH_RELEASE_ID\"; "
                + "sha256sum \"$BUILDSTASH_RELEASE_FOLDER/windows/SpaceGameSetup.exe\""));

        FreeStyleBuild run = r.buildAndAssertSuccess(job);

        assertThat(Harness.logValue(run, "FOLDER")).isEqualTo("deploy/1");
        assertThat(Harness.logValue(run, "VERSION")).isEqualTo("2.3.0");
        assertThat(Harness.logValue(run, "ID")).isEqualTo(release.id());
        r.assertLogContains(release.windowsSha() + "  deploy/1/windows/SpaceGameSetup.exe", run);
        assertThat(Harness.sha256(h.workspace(job).child("deploy/1/windows/SpaceGameSetup.exe")))
                .isEqualTo(release.windowsSha());
        assertThat(h.workspace(job).child("deploy/1/android").exists()).isFalse();
        assertThat(run.getAction(BuildstashReleaseAction.class).getLatest().getDownloadedCount()).isEqualTo(1);
    }

    @Test
    void theUploadIsSkippedForAFailedBuildUnlessAskedOtherwise() throws Exception {
        FreeStyleProject skipping = project("skipping");
        FreeStyleProject always = project("always");
        for (FreeStyleProject job : new FreeStyleProject[] {skipping, always}) {
            h.putFile(job, "out/a.zip", 5_000, 20);
            job.getBuildersList().add(new Shell("exit 1"));
            BuildstashUploadRecorder upload = recorder("out/a.zip");
            upload.setOnlyIfSuccessful(job == skipping);
            job.getPublishersList().add(upload);
        }

        FreeStyleBuild skipped = r.buildAndAssertStatus(Result.FAILURE, skipping);
        r.assertLogContains("Buildstash: not uploading, the build is FAILURE", skipped);
        assertThat(h.emulator.requestCount("requestUpload")).isZero();

        FreeStyleBuild uploaded = r.buildAndAssertStatus(Result.FAILURE, always);
        r.assertLogContains("Buildstash build ", uploaded);
        assertThat(h.emulator.storedBuilds()).hasSize(1);
    }

    @Test
    void anUnsetVariableInAVersionFieldFailsTheBuildNamingTheVariable() throws Exception {
        FreeStyleProject job = project("unset-variable");
        h.putFile(job, "out/a.zip", 5_000, 21);
        BuildstashUploadRecorder upload = recorder("out/a.zip");
        upload.setVersionPatch("${PATCH_LEVEL}");
        job.getPublishersList().add(upload);

        FreeStyleBuild run = r.buildAndAssertStatus(Result.FAILURE, job);

        r.assertLogContains("versionPatch '${PATCH_LEVEL}' is not a whole number", run);
        r.assertLogContains("the variable PATCH_LEVEL is not set", run);
        r.assertLogNotContains("\tat ", run);
        assertThat(h.emulator.requestCount("requestUpload")).isZero();
    }

    @Test
    void twoUploadsInOneBuildAreBothOnTheBuildPageAndCounted() throws Exception {
        FreeStyleProject job = project("two-uploads");
        String first = h.putFile(job, "out/first.zip", 7_000, 22);
        String second = h.putFile(job, "out/second.zip", 8_000, 23);
        job.getPublishersList().add(recorder("out/first.zip"));
        job.getPublishersList().add(recorder("out/second.zip"));
        job.getPublishersList().add(new ShellNotifier("echo \"SEEN_COUNT=$BUILDSTASH_UPLOAD_COUNT\"; "
                + "echo \"SEEN_ID=$BUILDSTASH_BUILD_ID\""));

        FreeStyleBuild run = r.buildAndAssertSuccess(job);

        assertThat(Harness.logValue(run, "SEEN_COUNT")).isEqualTo("2");
        var uploads = run.getAction(BuildstashRunAction.class).getUploads();
        assertThat(uploads).hasSize(2);
        assertThat(Harness.logValue(run, "SEEN_ID")).as("the latest upload").isEqualTo(uploads.get(1).getBuildId());
        assertThat(h.stored(uploads.get(0).getBuildId()).primary().sha256()).isEqualTo(first);
        assertThat(h.stored(uploads.get(1).getBuildId()).primary().sha256()).isEqualTo(second);
    }

    private FreeStyleProject project(String name) throws Exception {
        FreeStyleProject job = r.createFreeStyleProject(name);
        job.setAssignedLabel(hudson.model.Label.get(Harness.LABEL));
        return job;
    }

    private static BuildstashUploadRecorder recorder(String file) {
        BuildstashUploadRecorder upload = new BuildstashUploadRecorder(file);
        upload.setCredentialsId(Harness.APP_KEY_ID);
        upload.setPlatform("windows");
        upload.setStream("beta");
        upload.setVersionMajor("1");
        upload.setVersionMinor("0");
        upload.setVersionPatch("${BUILD_NUMBER}");
        return upload;
    }

    /** A shell step that runs after the post-build actions, as a Conditional step or a notifier would. */
    public static final class ShellNotifier extends Notifier {
        private final String command;

        public ShellNotifier(String command) {
            this.command = command;
        }

        @Override
        public BuildStepMonitor getRequiredMonitorService() {
            return BuildStepMonitor.NONE;
        }

        @Override
        public boolean perform(AbstractBuild<?, ?> build, Launcher launcher, BuildListener listener)
                throws InterruptedException {
            return new Shell(command).perform(build, launcher, listener);
        }

        @TestExtension
        public static final class DescriptorImpl extends BuildStepDescriptor<Publisher> {
            @Override
            @SuppressWarnings("rawtypes")
            public boolean isApplicable(Class<? extends AbstractProject> jobType) {
                return true;
            }

            @Override
            public String getDisplayName() {
                return "Run a shell command after the post-build actions";
            }
        }
    }
}
