package io.jenkins.plugins.buildstash.jenkins;

import static org.assertj.core.api.Assertions.assertThat;

import hudson.model.Result;
import hudson.slaves.DumbSlave;
import io.jenkins.plugins.buildstash.emulator.EmulatorOptions;
import io.jenkins.plugins.buildstash.emulator.Fault;
import io.jenkins.plugins.buildstash.emulator.NewBuild;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.jenkinsci.plugins.workflow.actions.WarningAction;
import org.jenkinsci.plugins.workflow.cps.CpsFlowDefinition;
import org.jenkinsci.plugins.workflow.cps.nodes.StepAtomNode;
import org.jenkinsci.plugins.workflow.graph.FlowNode;
import org.jenkinsci.plugins.workflow.graphanalysis.DepthFirstScanner;
import org.jenkinsci.plugins.workflow.job.WorkflowJob;
import org.jenkinsci.plugins.workflow.job.WorkflowRun;
import org.junit.jupiter.api.Test;
import org.jvnet.hudson.test.JenkinsRule;
import org.jvnet.hudson.test.junit.jupiter.WithJenkins;

/** The Pipeline steps in a real Jenkins, against the emulator. */
@WithJenkins
class PipelineInJenkinsTest {

    private static WorkflowJob pipeline(JenkinsRule r, String script) throws Exception {
        WorkflowJob job = r.createProject(WorkflowJob.class);
        job.setDefinition(new CpsFlowDefinition(script, true));
        return job;
    }

    private static String upload(BuildstashInJenkins b, String extra) {
        return "buildstashUpload file: 'app.apk', credentialsId: '" + BuildstashInJenkins.APP + "', platform: 'android',"
                + " stream: '" + b.stream() + "', versionMajor: 1, versionMinor: 0, versionPatch: 3" + extra + "\n";
    }

    @Test
    void releaseDetailsNeedNoNodeButADownloadDoes(JenkinsRule r) throws Exception {
        try (BuildstashInJenkins b = BuildstashInJenkins.start()) {
            String build = b.api.emulator.addBuild(NewBuild.of(b.api.seed.applicationId(), "android", b.stream(), "2.3.0",
                    "space-game.apk", new byte[] {1, 2, 3}));
            b.api.emulator.addRelease(b.api.seed.applicationId(), "2.3.0", "Spring Update", null, List.of(), List.of(build));

            WorkflowRun details = r.buildAndAssertSuccess(pipeline(r, "def release = buildstashRelease credentialsId: '"
                    + BuildstashInJenkins.APP + "', version: '2.3.0'\necho \"release ${release.version}\""));
            r.assertLogContains("release 2.3.0", details);

            WorkflowRun download = r.buildAndAssertStatus(Result.FAILURE, pipeline(r, "buildstashRelease credentialsId: '"
                    + BuildstashInJenkins.APP + "', version: '2.3.0', download: true"));
            r.assertLogContains("buildstashRelease cannot download without a workspace: put the step inside a node block",
                    download);
            r.assertLogNotContains("\tat ", download);
        }
    }

    @Test
    void aMetadataArtifactThatFailsMarksTheStepsNodeUnstable(JenkinsRule r) throws Exception {
        try (BuildstashInJenkins b = BuildstashInJenkins.start()) {
            b.api.emulator.faults().on("verifyMetadataUpload").always().inject(Fault.status(422));
            WorkflowRun run = r.buildAndAssertStatus(Result.UNSTABLE, pipeline(r, "node {\n"
                    + "  writeFile file: 'app.apk', text: 'an apk'\n  writeFile file: 'report.xml', text: '<r/>'\n  "
                    + upload(b, ", metadataArtifacts: 'report.xml'") + "}"));

            List<FlowNode> warned = new DepthFirstScanner().filteredNodes(run.getExecution(),
                    node -> node.getPersistentAction(WarningAction.class) != null);
            assertThat(warned).singleElement().satisfies(node -> {
                assertThat(((StepAtomNode) node).getDescriptor().getFunctionName()).isEqualTo("buildstashUpload");
                WarningAction warning = node.getPersistentAction(WarningAction.class);
                assertThat(warning.getResult()).isEqualTo(Result.UNSTABLE);
                assertThat(warning.getMessage()).startsWith("1 metadata artifact(s) could not be attached: report.xml");
            });
        }
    }

    @Test
    void linesPrintedOnTheAgentComeBeforeTheStepsNextLine(JenkinsRule r) throws Exception {
        try (BuildstashInJenkins b = BuildstashInJenkins.start()) {
            DumbSlave agent = r.createOnlineSlave();
            WorkflowRun run = r.buildAndAssertSuccess(pipeline(r, "node('" + agent.getNodeName() + "') {\n"
                    + "  writeFile file: 'app.apk', text: 'an apk built on the agent'\n  " + upload(b, "") + "}"));

            String log = JenkinsRule.getLog(run);
            int sent = log.indexOf("Sent app.apk");
            assertThat(sent).as("the agent's line is in the log").isNotNegative();
            assertThat(sent).as("before the controller's next line").isLessThan(log.indexOf("Buildstash build "));
        }
    }

    @Test
    void abortingTheBuildDuringTheUploadEndsItAbortedWithOneLineAndNoStackTrace(JenkinsRule r) throws Exception {
        try (BuildstashInJenkins b = BuildstashInJenkins.start(
                EmulatorOptions.defaults().withMultipartThresholdBytes(1 << 20).withPartSizeMb(1))) {
            b.api.emulator.faults().on("storageUploadPart").always().inject(Fault.throttleBody(4_000_000));
            WorkflowRun run = pipeline(r, "node {\n  sh 'head -c 8388608 /dev/urandom > app.apk'\n  "
                    + upload(b, "") + "}").scheduleBuild2(0).waitForStart();
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
            // Stop once the pending upload is open and its parts are under way: the emulator logs a storage request
            // when it has been read whole, which on this throttled link is close to the end of the transfer.
            while (b.api.emulator.pendingUploads().isEmpty() && System.nanoTime() < deadline) {
                Thread.sleep(50);
            }
            Thread.sleep(300);
            run.doStop();
            r.waitForCompletion(run);

            r.assertBuildStatus(Result.ABORTED, run);
            r.assertLogContains("Stopped uploading app.apk (8 MiB): the build was interrupted. Aborted the pending upload",
                    run);
            r.assertLogNotContains("\tat ", run);
            assertThat(b.api.emulator.abortedUploadIds()).hasSize(1);
        }
    }
}
