package io.jenkins.plugins.buildstash.jenkins.lifecycle;

import static io.jenkins.plugins.buildstash.jenkins.lifecycle.LifecycleFixture.MIB;
import static org.assertj.core.api.Assertions.assertThat;

import hudson.model.Result;
import hudson.remoting.VirtualChannel;
import hudson.slaves.DumbSlave;
import io.jenkins.plugins.buildstash.emulator.BuildstashEmulator;
import io.jenkins.plugins.buildstash.emulator.EmulatorOptions;
import io.jenkins.plugins.buildstash.emulator.Fault;
import io.jenkins.plugins.buildstash.emulator.PendingUploadView;
import io.jenkins.plugins.buildstash.emulator.Seed;
import io.jenkins.plugins.buildstash.emulator.StoredBuild;
import java.util.List;
import org.jenkinsci.plugins.workflow.cps.CpsFlowDefinition;
import org.jenkinsci.plugins.workflow.job.WorkflowJob;
import org.jenkinsci.plugins.workflow.job.WorkflowRun;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.jvnet.hudson.test.JenkinsRule;
import org.jvnet.hudson.test.junit.jupiter.WithJenkins;

/**
 * An agent lost in the middle of an upload (part 3 of 10 held back by the emulator): the step fails within seconds
 * naming the agent, the controller aborts the pending upload, and the part-URL export is gone from the channel
 * however the transfer ended.
 */
@WithJenkins
class AgentLostDuringUploadTest {

    private BuildstashEmulator emulator;
    private Seed seed;

    @BeforeEach
    void start() throws Exception {
        emulator = BuildstashEmulator.start(EmulatorOptions.defaults().withMultipartThresholdBytes(MIB - 1).withPartSizeMb(1));
        seed = emulator.seedDefaults();
    }

    @AfterEach
    void stop() {
        emulator.close();
    }

    private WorkflowJob job(JenkinsRule r, DumbSlave agent, String name) throws Exception {
        WorkflowJob p = r.createProject(WorkflowJob.class, name);
        p.setDefinition(new CpsFlowDefinition(LifecycleFixture.uploadScript(agent.getNodeName(), "game.apk"), true));
        return p;
    }

    @Test
    void anAgentLostDuringPart3Of10FailsTheStepWithinSecondsNamingItAndThePendingUploadIsAborted(JenkinsRule r)
            throws Exception {
        LifecycleFixture.configure(r, emulator, seed.applicationKey());
        DumbSlave agent = r.createOnlineSlave();
        WorkflowJob p = job(r, agent, "lost-agent");
        LifecycleFixture.writeFile(agent, p, "game.apk", 10 * MIB, 3);
        // Part 3 crawls (1 kB/s), so the transfer is in the middle of it when the agent goes.
        emulator.faults().on("storageUploadPart").part(3).always().inject(Fault.throttleBody(8_000));

        WorkflowRun b = p.scheduleBuild2(0).waitForStart();
        LifecycleFixture.await("parts 1 and 2 stored", 60_000, () -> emulator.uploads().stream()
                .anyMatch(u -> u.receivedParts() >= 2));
        Thread.sleep(500); // part 3 under way
        assertThat(emulator.pendingUploads()).hasSize(1);
        String pending = emulator.pendingUploads().get(0).id();
        VirtualChannel channel = agent.getChannel();
        assertThat(LifecycleFixture.exportTable(channel)).as("the forwarder is exported while the transfer runs")
                .contains("ReleasableUrlSource[live]");

        long lost = System.nanoTime();
        r.disconnectSlave(agent);
        r.assertBuildStatus(Result.FAILURE, r.waitForCompletion(b));
        long seconds = (System.nanoTime() - lost) / 1_000_000_000L;

        System.out.println("Agent lost during part 3 of 10: the build ended " + seconds + " s after the disconnect");
        assertThat(seconds).as("seconds from the disconnect to the end of the build").isLessThan(10);
        r.assertLogContains("Lost the connection to the agent '" + agent.getNodeName() + "' while it was sending"
                + " game.apk to Buildstash", b);
        r.assertLogContains("Run the build again once the agent is back online", b);
        r.assertLogContains("Aborted the pending upload " + pending + " on Buildstash", b);
        r.assertLogNotContains("\tat ", b);
        assertThat(emulator.pendingUploads()).isEmpty();
        assertThat(emulator.abortedUploadIds()).containsExactly(pending);
        assertThat(LifecycleFixture.awaitNoPluginThreads(null, 10_000)).as("plugin threads on the controller").isEmpty();
    }

    @Test
    void theExportIsGoneFromTheChannelOnceTheTransferEndsWellOrBadly(JenkinsRule r) throws Exception {
        LifecycleFixture.configure(r, emulator, seed.applicationKey());
        DumbSlave agent = r.createOnlineSlave();
        WorkflowJob p = job(r, agent, "exports");
        String sha = LifecycleFixture.writeFile(agent, p, "game.apk", 3 * MIB, 4);

        WorkflowRun ok = r.buildAndAssertSuccess(p);
        List<StoredBuild> stored = emulator.storedBuilds();
        assertThat(stored).singleElement().satisfies(s -> assertThat(s.primary().sha256()).isEqualTo(sha));
        assertThat(LifecycleFixture.exportTable(agent.getChannel())).as("exports after a completed transfer")
                .doesNotContain("UrlSource");

        // Storage refuses every part as expired: the transfer fails on the agent.
        emulator.faults().on("storageUploadPart").always().inject(Fault.expiredUrl());
        WorkflowRun failed = r.buildAndAssertStatus(Result.FAILURE, p);
        r.assertLogContains("the presigned URL expired", failed);
        assertThat(LifecycleFixture.exportTable(agent.getChannel())).as("exports after a failed transfer")
                .doesNotContain("UrlSource");

        // Aborted by the user mid-transfer.
        emulator.faults().clear();
        emulator.faults().on("storageUploadPart").part(2).always().inject(Fault.throttleBody(8_000));
        WorkflowRun aborted = p.scheduleBuild2(0).waitForStart();
        LifecycleFixture.await("part 1 stored", 60_000, () -> emulator.uploads().stream()
                .filter(u -> u.status().equals("OPEN")).anyMatch(u -> u.receivedParts() >= 1));
        aborted.doStop();
        r.assertBuildStatus(Result.ABORTED, r.waitForCompletion(aborted));
        r.assertLogContains("Stopped uploading game.apk (3 MiB): the build was interrupted. Aborted the pending upload",
                aborted);
        r.assertLogNotContains("\tat ", aborted);
        assertThat(LifecycleFixture.exportTable(agent.getChannel())).as("exports after an aborted transfer")
                .doesNotContain("UrlSource");
        assertThat(emulator.pendingUploads()).extracting(PendingUploadView::id).isEmpty();
        assertThat(LifecycleFixture.awaitNoPluginThreads(agent.getChannel(), 10_000)).as("plugin threads on the agent")
                .isEmpty();
        assertThat(ok.getResult()).isEqualTo(Result.SUCCESS);
    }
}
