package io.jenkins.plugins.buildstash.jenkins;

import static org.assertj.core.api.Assertions.assertThat;

import com.cloudbees.plugins.credentials.CredentialsParameterDefinition;
import hudson.Launcher;
import hudson.model.AbstractBuild;
import hudson.model.BuildListener;
import hudson.model.FreeStyleBuild;
import hudson.model.FreeStyleProject;
import hudson.model.ParametersDefinitionProperty;
import hudson.model.Result;
import hudson.model.TaskListener;
import hudson.util.FormValidation;
import io.jenkins.plugins.buildstash.emulator.EmulatorOptions;
import io.jenkins.plugins.buildstash.emulator.Fault;
import io.jenkins.plugins.buildstash.jenkins.actions.BuildstashReleaseAction;
import io.jenkins.plugins.buildstash.jenkins.actions.ReleaseRecord;
import io.jenkins.plugins.buildstash.jenkins.config.BuildstashGlobalConfiguration;
import io.jenkins.plugins.buildstash.jenkins.freestyle.BuildstashUploadRecorder;
import io.jenkins.plugins.buildstash.release.ReleaseResult;
import java.util.List;
import java.util.Random;
import java.util.concurrent.TimeUnit;
import org.htmlunit.html.HtmlPage;
import org.junit.jupiter.api.Test;
import org.jvnet.hudson.test.JenkinsRule;
import org.jvnet.hudson.test.TestBuilder;
import org.jvnet.hudson.test.junit.jupiter.WithJenkins;

/** The Freestyle post-build action in a real Jenkins, against the emulator. */
@WithJenkins
class FreestyleInJenkinsTest {

    /** Writes a file of random bytes into the workspace, as a build would. */
    private static TestBuilder writes(String name, int size) {
        return new TestBuilder() {
            @Override
            public boolean perform(AbstractBuild<?, ?> build, Launcher launcher, BuildListener listener)
                    throws InterruptedException, java.io.IOException {
                byte[] bytes = new byte[size];
                new Random(size).nextBytes(bytes);
                build.getWorkspace().child(name).write(new String(bytes, java.nio.charset.StandardCharsets.ISO_8859_1),
                        "ISO-8859-1");
                return true;
            }
        };
    }

    private static BuildstashUploadRecorder upload(BuildstashInJenkins b, String file) {
        BuildstashUploadRecorder recorder = new BuildstashUploadRecorder(file);
        recorder.setCredentialsId(BuildstashInJenkins.APP);
        recorder.setPlatform("android");
        recorder.setStream(b.stream());
        recorder.setVersionMajor("1");
        recorder.setVersionMinor("2");
        recorder.setVersionPatch("${BUILD_NUMBER}");
        return recorder;
    }

    @Test
    void theBuildPageOfUploadsHasAUrlNameOfItsOwn(JenkinsRule r) throws Exception {
        try (BuildstashInJenkins b = BuildstashInJenkins.start()) {
            FreeStyleProject job = r.createFreeStyleProject();
            job.getBuildersList().add(writes("app.apk", 4096));
            job.getPublishersList().add(upload(b, "app.apk"));
            FreeStyleBuild build = r.buildAndAssertSuccess(job);

            HtmlPage page = r.createWebClient().goTo(build.getUrl() + "buildstash-uploader");
            assertThat(page.asNormalizedText()).contains("app.apk");
        }
    }

    @Test
    void aCredentialsParameterLeftEmptyMeansTheGlobalDefault(JenkinsRule r) throws Exception {
        try (BuildstashInJenkins b = BuildstashInJenkins.start()) {
            BuildstashGlobalConfiguration.get().setCredentialsId(BuildstashInJenkins.APP);
            FreeStyleProject job = r.createFreeStyleProject();
            job.addProperty(new ParametersDefinitionProperty(new CredentialsParameterDefinition("KEY", "the key", "",
                    "org.jenkinsci.plugins.plaincredentials.impl.StringCredentialsImpl", false)));
            job.getBuildersList().add(writes("app.apk", 4096));
            BuildstashUploadRecorder recorder = upload(b, "app.apk");
            recorder.setCredentialsId("${KEY}");
            job.getPublishersList().add(recorder);

            FreeStyleBuild build = r.buildAndAssertSuccess(job);

            r.assertLogContains("Buildstash build ", build);
        }
    }

    @Test
    void abortingTheBuildDuringTheUploadEndsItAbortedWithOneLine(JenkinsRule r) throws Exception {
        try (BuildstashInJenkins b = BuildstashInJenkins.start(
                EmulatorOptions.defaults().withMultipartThresholdBytes(1 << 20).withPartSizeMb(1))) {
            // Parts crawl at 4 Mbit/s: the upload is surely in flight when the build is aborted.
            b.api.emulator.faults().on("storageUploadPart").always().inject(Fault.throttleBody(4_000_000));
            FreeStyleProject job = r.createFreeStyleProject();
            job.getBuildersList().add(writes("game.pak", 8 << 20));
            job.getPublishersList().add(upload(b, "game.pak"));

            FreeStyleBuild build = job.scheduleBuild2(0).waitForStart();
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
            // Stop once the pending upload is open and its parts are under way: the emulator logs a storage request
            // when it has been read whole, which on this throttled link is close to the end of the transfer.
            while (b.api.emulator.pendingUploads().isEmpty() && System.nanoTime() < deadline) {
                Thread.sleep(50);
            }
            Thread.sleep(300);
            build.getExecutor().interrupt();
            r.waitForCompletion(build);

            r.assertBuildStatus(Result.ABORTED, build);
            r.assertLogContains("Stopped uploading game.pak (8 MiB): the build was interrupted. Aborted the pending upload", build);
            r.assertLogNotContains("\tat ", build);
            r.assertLogNotContains("InterruptedException", build);
            assertThat(b.api.emulator.abortedUploadIds()).hasSize(1);
        }
    }

    @Test
    void aReleaseWithoutAVersionLeavesTheEnvironmentUsable(JenkinsRule r) throws Exception {
        FreeStyleProject job = r.createFreeStyleProject();
        FreeStyleBuild build = r.buildAndAssertSuccess(job);
        BuildstashReleaseAction.record(build, new ReleaseRecord(new ReleaseResult("app1", "r1", null, null, null, null,
                List.of(), null, null, List.of(), List.of(), null), 0));

        // Core's EnvVars refuses null values: a null version made every later step of the run fail.
        assertThat(build.getEnvironment(TaskListener.NULL)).containsEntry("BUILDSTASH_RELEASE_ID", "r1")
                .doesNotContainKey("BUILDSTASH_RELEASE_VERSION");
    }

    @Test
    void theFileCheckRefusesWhatTheRunRefuses(JenkinsRule r) throws Exception {
        FreeStyleProject job = r.createFreeStyleProject();
        BuildstashUploadRecorder.DescriptorImpl descriptor =
                r.jenkins.getDescriptorByType(BuildstashUploadRecorder.DescriptorImpl.class);

        FormValidation check = descriptor.doCheckFile(job, "../app.apk");

        assertThat(check.kind).isEqualTo(FormValidation.Kind.ERROR);
        // The message is HTML-escaped by FormValidation; the words are the run's.
        assertThat(check.getMessage()).contains("../app.apk").contains("patterns must stay inside the workspace");
        assertThat(descriptor.doCheckMetadataArtifacts(job, "reports/*.xml, /etc/passwd").kind)
                .isEqualTo(FormValidation.Kind.ERROR);
        assertThat(descriptor.doCheckExpansionFile(job, "").kind).isEqualTo(FormValidation.Kind.OK);
    }
}
