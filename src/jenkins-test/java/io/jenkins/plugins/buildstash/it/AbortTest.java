package io.jenkins.plugins.buildstash.it;

import static org.assertj.core.api.Assertions.assertThat;

import hudson.model.FreeStyleBuild;
import hudson.model.FreeStyleProject;
import hudson.model.Result;
import hudson.model.Run;
import io.jenkins.plugins.buildstash.emulator.EmulatorOptions;
import io.jenkins.plugins.buildstash.emulator.PendingUploadView;
import io.jenkins.plugins.buildstash.jenkins.freestyle.BuildstashUploadRecorder;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.function.BooleanSupplier;
import org.jenkinsci.plugins.workflow.job.WorkflowJob;
import org.jenkinsci.plugins.workflow.job.WorkflowRun;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.jvnet.hudson.test.JenkinsRule;
import org.jvnet.hudson.test.junit.jupiter.WithJenkins;

/**
 * Stopping a build in the middle of a large multipart upload from an agent ends it within seconds, stops the
 * transfer, and aborts the pending upload on Buildstash. The link is shaped so that the upload would take about 50 s.
 */
@WithJenkins
class AbortTest {

    private static final long SIZE = 48L << 20;
    /** 4 Mbit/s per connection: with two parts in flight, about 1 MB/s, so the whole file would need some 50 s. */
    private static final EmulatorOptions SLOW = EmulatorOptions.defaults()
            .withMultipartThresholdBytes(1 << 20)
            .withPartSizeMb(1)
            .withBandwidthBitsPerSecond(4_000_000);

    private JenkinsRule r;
    private Harness h;

    @BeforeEach
    void setUp(JenkinsRule rule) throws Exception {
        this.r = rule;
        this.h = Harness.start(r, SLOW);
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
    void stoppingAPipelineDuringAMultipartUploadEndsItQuicklyAndAbortsThePendingUpload() throws Exception {
        WorkflowJob job = h.pipeline("huge-pipeline", "node('remote') {\n buildstashUpload file: 'huge.pak', "
                + "partConcurrency: 2, " + Harness.uploadArgs("windows") + "\n}\n");
        h.putFile(job, "huge.pak", SIZE, 60);
        WorkflowRun run = job.scheduleBuild2(0).waitForStart();
        waitUntilPartsAreMoving();
        // The running build's program.dat and flow nodes hold no key either.
        h.assertNoSecretInJenkinsHomeNow();

        long stoppedAt = System.nanoTime();
        run.doStop();
        r.waitForCompletion(run);

        assertEndedQuicklyAndCleanly(run, stoppedAt);
    }

    @Test
    void abortingAFreestyleBuildDuringAMultipartUploadEndsItQuicklyAndAbortsThePendingUpload() throws Exception {
        FreeStyleProject job = r.createFreeStyleProject("huge-freestyle");
        job.setAssignedLabel(hudson.model.Label.get(Harness.LABEL));
        h.putFile(job, "huge.pak", SIZE, 61);
        BuildstashUploadRecorder upload = new BuildstashUploadRecorder("huge.pak");
        upload.setCredentialsId(Harness.APP_KEY_ID);
        upload.setPlatform("windows");
        upload.setStream("beta");
        upload.setVersionMajor("1");
        upload.setVersionMinor("0");
        upload.setVersionPatch("0");
        upload.setPartConcurrency(2);
        job.getPublishersList().add(upload);
        FreeStyleBuild run = job.scheduleBuild2(0).waitForStart();
        waitUntilPartsAreMoving();

        long stoppedAt = System.nanoTime();
        run.getExecutor().interrupt();
        r.waitForCompletion(run);

        assertEndedQuicklyAndCleanly(run, stoppedAt);
    }

    private void assertEndedQuicklyAndCleanly(Run<?, ?> run, long stoppedAt) throws Exception {
        Duration took = Duration.ofNanos(System.nanoTime() - stoppedAt);
        assertThat(took).as("time from the stop to the end of the build").isLessThan(Duration.ofSeconds(10));
        assertThat(run.getResult()).isEqualTo(Result.ABORTED);
        // Pipeline ends a stopped step at once (SynchronousNonBlockingStepExecution.stop calls onFailure right after
        // interrupting it), while the step's thread still sends its one abort call: give that call a few seconds.
        long settleBy = System.nanoTime() + Duration.ofSeconds(5).toNanos();
        while ((!h.emulator.pendingUploads().isEmpty() || !JenkinsRule.getLog(run).contains("Stopped uploading"))
                && System.nanoTime() < settleBy) {
            Thread.sleep(100);
        }
        List<PendingUploadView> uploads = h.emulator.uploads();
        assertThat(uploads).singleElement().satisfies(u -> {
            assertThat(u.status()).isEqualTo("ABORTED");
            assertThat(u.receivedParts()).as("parts received before the stop").isLessThan(48);
        });
        assertThat(h.emulator.pendingUploads()).isEmpty();
        assertThat(h.emulator.abortedUploadIds()).containsExactly(uploads.get(0).id());
        assertThat(h.emulator.storedBuilds()).isEmpty();
        r.assertLogContains("Aborted the pending upload " + uploads.get(0).id(), run);
        // One line says so, without the stack trace of the interrupt.
        r.assertLogContains("Stopped uploading huge.pak", run);
        r.assertLogNotContains("java.lang.InterruptedException", run);
        // The agent stopped sending: give a part that was wrongly started late the time to show in the request log,
        // then check that none began after the stop (those in flight then were cut off).
        Instant stopped = Instant.now().minus(took);
        Thread.sleep(3_000);
        assertThat(h.emulator.requestLog())
                .filteredOn(request -> request.route().equals("storageUploadPart"))
                .filteredOn(request -> request.at().isAfter(stopped.plusSeconds(1)))
                .as("parts begun more than a second after the stop")
                .isEmpty();
    }

    /** Until the agent has sent at least two parts of the file, i.e. the transfer is under way. */
    private void waitUntilPartsAreMoving() throws InterruptedException {
        waitFor("two parts on storage", () -> h.emulator.requestCount("storageUploadPart") >= 2, Duration.ofSeconds(60));
        assertThat(h.emulator.pendingUploads()).hasSize(1);
    }

    private static void waitFor(String what, BooleanSupplier condition, Duration limit) throws InterruptedException {
        long deadline = System.nanoTime() + limit.toNanos();
        while (!condition.getAsBoolean()) {
            if (System.nanoTime() > deadline) {
                throw new AssertionError("waited " + limit + " for " + what);
            }
            Thread.sleep(100);
        }
    }
}
