package io.jenkins.plugins.buildstash.jenkins.lifecycle;

import static io.jenkins.plugins.buildstash.jenkins.lifecycle.LifecycleFixture.MIB;
import static org.assertj.core.api.Assertions.assertThat;

import hudson.model.Result;
import hudson.slaves.DumbSlave;
import io.jenkins.plugins.buildstash.emulator.BuildstashEmulator;
import io.jenkins.plugins.buildstash.emulator.EmulatorOptions;
import io.jenkins.plugins.buildstash.emulator.Fault;
import io.jenkins.plugins.buildstash.emulator.Seed;
import java.io.File;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.util.concurrent.atomic.AtomicReference;
import org.jenkinsci.plugins.workflow.cps.CpsFlowDefinition;
import org.jenkinsci.plugins.workflow.job.WorkflowJob;
import org.jenkinsci.plugins.workflow.job.WorkflowRun;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.jvnet.hudson.test.junit.jupiter.JenkinsSessionExtension;

/**
 * A controller restart during a {@code buildstashUpload}: the step does not resume the upload; the resumed execution
 * finds the pending upload's id in {@code program.dat} (never the key), aborts it, and fails with a message saying so.
 * The emulator outlives the Jenkins sessions, as Buildstash would.
 */
class RestartDuringUploadTest {

    @RegisterExtension
    final JenkinsSessionExtension sessions = new JenkinsSessionExtension();

    private static BuildstashEmulator emulator;
    private static Seed seed;

    @BeforeAll
    static void start() throws Exception {
        emulator = BuildstashEmulator.start(EmulatorOptions.defaults().withMultipartThresholdBytes(MIB - 1).withPartSizeMb(1));
        seed = emulator.seedDefaults();
    }

    @AfterEach
    void clearFaults() {
        emulator.faults().clear();
    }

    @AfterAll
    static void stop() {
        emulator.close(); // also ends the crashed session's upload thread, still stuck in its PUT
    }

    /**
     * A crash in the middle of an upload: the old JVM's upload thread never reports. It is played by running the
     * upload on the built-in node with part 3 crawling, so that the old thread is still stuck in that PUT when the
     * first session ends (Jenkins' shutdown does not interrupt it) and the program saved at shutdown still shows the
     * step running. In the second session the execution resumes, finds the pending upload's id in its journal,
     * aborts it with the key read again from the credentials, and fails the step saying so.
     */
    @Test
    void afterACrashMidUploadTheResumedStepAbortsThePendingUploadAndFailsSayingSo() throws Throwable {
        AtomicReference<String> pending = new AtomicReference<>();
        sessions.then(r -> {
            LifecycleFixture.configure(r, emulator, seed.applicationKey());
            WorkflowJob p = r.createProject(WorkflowJob.class, "crash");
            p.setDefinition(new CpsFlowDefinition(LifecycleFixture.uploadScript("built-in", "game.apk"), true));
            LifecycleFixture.writeFile(r.jenkins, p, "game.apk", 10 * MIB, 6);
            emulator.faults().on("storageUploadPart").part(3).always().inject(Fault.throttleBody(8_000));
            pending.set(startAndAwaitPartThree(r, p));
        });
        sessions.then(r -> {
            WorkflowRun b = r.jenkins.getItemByFullName("crash", WorkflowJob.class).getBuildByNumber(1);
            r.assertBuildStatus(Result.FAILURE, r.waitForCompletion(b));
            r.assertLogContains("Jenkins restarted while buildstashUpload was sending game.apk, which stopped the"
                    + " transfer; its pending upload " + pending.get() + " was aborted on Buildstash, so nothing"
                    + " half-sent is left there. An upload is not resumed after a restart: run the build again", b);
            r.assertLogContains("Aborted the pending upload " + pending.get() + " on Buildstash", b);
            r.assertLogNotContains("\tat ", b);
            assertThat(emulator.pendingUploads()).as("pending uploads left open").isEmpty();
            assertThat(emulator.abortedUploadIds()).contains(pending.get());
            assertThat(emulator.storedBuilds()).isEmpty();
            assertThat(LifecycleFixture.filesContaining(r.jenkins.getRootDir(), seed.applicationKey()))
                    .as("files under JENKINS_HOME holding the key").isEmpty();
        });
    }

    /**
     * An orderly restart with the upload on an agent: Jenkins' shutdown disconnects the agents, which ends the
     * transfer at once; the step fails naming the agent and aborts the pending upload (or, if the program was saved
     * with the step still running, the resumed execution does). Either way nothing is left open.
     */
    @Test
    void anOrderlyRestartWithTheUploadOnAnAgentLeavesNoPendingUploadOpen() throws Throwable {
        AtomicReference<String> pending = new AtomicReference<>();
        sessions.then(r -> {
            LifecycleFixture.configure(r, emulator, seed.applicationKey());
            DumbSlave agent = r.createOnlineSlave(r.jenkins.getLabel("uploader"));
            WorkflowJob p = r.createProject(WorkflowJob.class, "restart");
            p.setDefinition(new CpsFlowDefinition(LifecycleFixture.uploadScript("uploader", "game.apk"), true));
            LifecycleFixture.writeFile(agent, p, "game.apk", 10 * MIB, 7);
            emulator.faults().on("storageUploadPart").part(3).always().inject(Fault.throttleBody(8_000));
            pending.set(startAndAwaitPartThree(r, p));
        });
        sessions.then(r -> {
            WorkflowRun b = r.jenkins.getItemByFullName("restart", WorkflowJob.class).getBuildByNumber(1);
            r.assertBuildStatus(Result.FAILURE, r.waitForCompletion(b));
            String log = b.getLog();
            assertThat(log).containsAnyOf("Lost the connection to the agent '", "Jenkins restarted while buildstashUpload");
            assertThat(log).contains(pending.get()).doesNotContain("\tat ");
            assertThat(emulator.pendingUploads()).as("pending uploads left open").isEmpty();
            assertThat(emulator.abortedUploadIds()).contains(pending.get());
        });
    }

    /** Starts the build and waits until parts 1 and 2 are stored and the journal naming the upload is saved. */
    private static String startAndAwaitPartThree(org.jvnet.hudson.test.JenkinsRule r, WorkflowJob p) throws Exception {
        WorkflowRun b = p.scheduleBuild2(0).waitForStart();
        LifecycleFixture.await("parts 1 and 2 stored", 60_000, () -> emulator.uploads().stream()
                .anyMatch(u -> u.status().equals("OPEN") && u.receivedParts() >= 2));
        String id = emulator.pendingUploads().get(0).id();
        // The execution saved its journal as the pending upload opened: the id is in program.dat, the key is not.
        File programDat = new File(b.getRootDir(), "program.dat");
        LifecycleFixture.await("the pending upload's id in program.dat", 20_000, () -> contains(programDat, id));
        assertThat(contains(programDat, seed.applicationKey())).as("the key in program.dat").isFalse();
        assertThat(b.isBuilding()).isTrue();
        return id;
    }

    private static boolean contains(File file, String text) {
        try {
            // JBoss Marshalling writes strings in modified UTF-8: an ASCII id appears as its bytes.
            return file.isFile() && new String(Files.readAllBytes(file.toPath()), StandardCharsets.ISO_8859_1).contains(text);
        } catch (java.io.IOException e) {
            return false;
        }
    }
}
