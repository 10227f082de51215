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
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.jvnet.hudson.test.junit.jupiter.JenkinsSessionExtension;

/**
 * A controller restart during a {@code buildstashUpload}: the step does not resume the upload; the resumed execution
 * finds the pending upload's id in {@code program.dat} (never the key), aborts it, and fails with a message saying so.
 * The emulator outlives both Jenkins sessions, as Buildstash would.
 */
class RestartDuringUploadTest {

    @RegisterExtension
    private final JenkinsSessionExtension sessions = new JenkinsSessionExtension();

    private static BuildstashEmulator emulator;
    private static Seed seed;

    @BeforeAll
    static void start() throws Exception {
        emulator = BuildstashEmulator.start(EmulatorOptions.defaults().withMultipartThresholdBytes(MIB - 1).withPartSizeMb(1));
        seed = emulator.seedDefaults();
    }

    @AfterAll
    static void stop() {
        emulator.close();
    }

    @Test
    void afterARestartMidUploadThePendingUploadIsAbortedAndTheStepFailsSayingSo() throws Throwable {
        AtomicReference<String> pending = new AtomicReference<>();
        sessions.then(r -> {
            LifecycleFixture.configure(r, emulator, seed.applicationKey());
            DumbSlave agent = r.createOnlineSlave(r.jenkins.getLabel("uploader"));
            WorkflowJob p = r.createProject(WorkflowJob.class, "restart");
            p.setDefinition(new CpsFlowDefinition(LifecycleFixture.uploadScript("uploader", "game.apk"), true));
            LifecycleFixture.writeFile(agent, p, "game.apk", 10 * MIB, 6);
            emulator.faults().on("storageUploadPart").part(3).always().inject(Fault.throttleBody(8_000));

            WorkflowRun b = p.scheduleBuild2(0).waitForStart();
            LifecycleFixture.await("parts 1 and 2 stored", 60_000, () -> emulator.uploads().stream()
                    .anyMatch(u -> u.receivedParts() >= 2));
            pending.set(emulator.pendingUploads().get(0).id());
            // The execution saved its journal as the pending upload opened: the id is in program.dat, the key is not.
            File programDat = new File(b.getRootDir(), "program.dat");
            LifecycleFixture.await("the pending upload's id in program.dat", 20_000, () -> contains(programDat, pending.get()));
            assertThat(contains(programDat, seed.applicationKey())).as("the key in program.dat").isFalse();
            assertThat(b.isBuilding()).isTrue();
        });
        emulator.faults().clear();
        sessions.then(r -> {
            WorkflowRun b = r.jenkins.getItemByFullName("restart", WorkflowJob.class).getBuildByNumber(1);
            r.assertBuildStatus(Result.FAILURE, r.waitForCompletion(b));
            r.assertLogContains("Jenkins restarted while buildstashUpload was sending game.apk, which stopped the"
                    + " transfer; its pending upload " + pending.get(), b);
            r.assertLogContains("An upload is not resumed after a restart: run the build again", b);
            r.assertLogNotContains("\tat ", b);
            assertThat(emulator.pendingUploads()).as("pending uploads left open").isEmpty();
            assertThat(emulator.abortedUploadIds()).contains(pending.get());
            assertThat(emulator.storedBuilds()).isEmpty();
            assertThat(LifecycleFixture.filesContaining(r.jenkins.getRootDir(), seed.applicationKey()))
                    .as("files under JENKINS_HOME holding the key").isEmpty();
        });
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
