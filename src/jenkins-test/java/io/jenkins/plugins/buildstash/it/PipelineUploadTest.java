package io.jenkins.plugins.buildstash.it;

import static org.assertj.core.api.Assertions.assertThat;

import hudson.model.Result;
import io.jenkins.plugins.buildstash.api.model.Build;
import io.jenkins.plugins.buildstash.api.model.Label;
import io.jenkins.plugins.buildstash.emulator.EmulatorOptions;
import io.jenkins.plugins.buildstash.emulator.RequestRecord;
import io.jenkins.plugins.buildstash.emulator.StoredBuild;
import io.jenkins.plugins.buildstash.jenkins.actions.BuildstashRunAction;
import io.jenkins.plugins.buildstash.jenkins.actions.UploadRecord;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.jenkinsci.plugins.workflow.job.WorkflowJob;
import org.jenkinsci.plugins.workflow.job.WorkflowRun;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.jvnet.hudson.test.JenkinsRule;
import org.jvnet.hudson.test.junit.jupiter.WithJenkins;

/** {@code buildstashUpload} in scripted and declarative Pipelines, on an agent, against the emulator. */
@WithJenkins
class PipelineUploadTest {

    private JenkinsRule r;
    private Harness h;

    @BeforeEach
    void setUp(JenkinsRule rule) {
        this.r = rule;
    }

    @AfterEach
    void noSecretLeft() throws Exception {
        if (h != null) {
            try {
                h.assertNoSecretLeft();
            } finally {
                h.close();
            }
        }
    }

    @Test
    void scriptedPipelineUploadsFromTheAgentAndReturnsTheResultAsAMap() throws Exception {
        h = Harness.start(r);
        WorkflowJob job = h.pipeline("space-game-windows", """
                node('remote') {
                    def result = buildstashUpload file: 'out/*.zip', credentialsId: 'buildstash-app-key',
                            platform: 'windows', stream: 'beta', versionMajor: 2, versionMinor: 4, versionPatch: 6,
                            versionExtra: 'rc.1', labels: 'nightly, qa', architectures: 'x64', notes: 'From Jenkins',
                            customBuildNumber: "jenkins-${env.BUILD_NUMBER}"
                    echo "BUILD_ID=${result.buildId}"
                    echo "VERSION=${result.version}"
                    echo "FILE=${result.files[0].name} SIZE=${result.files[0].size} ROLE=${result.files[0].role}"
                    echo "TOTAL=${result.totalBytes} PENDING=${result.pendingProcessing} PLATFORM=${result.platform}"
                    echo "PAGE=${result.buildInfoUrl}"
                }
                """);
        String sha = h.putFile(job, "out/SpaceGame-2.4.6.zip", 300_000, 1);

        WorkflowRun run = r.buildAndAssertSuccess(job);

        r.assertLogContains("Running on " + h.agent.getNodeName(), run);
        String buildId = Harness.logValue(run, "BUILD_ID");
        assertThat(Harness.logValue(run, "VERSION")).isEqualTo("2.4.6-rc.1");
        assertThat(Harness.logValue(run, "FILE")).isEqualTo("SpaceGame-2.4.6.zip");
        assertThat(Harness.logValue(run, "SIZE")).isEqualTo("300000");
        assertThat(Harness.logValue(run, "ROLE")).isEqualTo("primary");
        assertThat(Harness.logValue(run, "TOTAL")).isEqualTo("300000");
        assertThat(Harness.logValue(run, "PENDING")).isEqualTo("false");
        assertThat(Harness.logValue(run, "PLATFORM")).isEqualTo("windows");
        assertThat(Harness.logValue(run, "PAGE")).isEqualTo("https://app.buildstash.com/builds/" + buildId);
        r.assertLogContains("Buildstash build " + buildId + " created: SpaceGame-2.4.6.zip 2.4.6-rc.1", run);

        StoredBuild stored = h.stored(buildId);
        assertThat(stored.primary().sha256()).isEqualTo(sha);
        assertThat(stored.primary().filename()).isEqualTo("SpaceGame-2.4.6.zip");
        assertThat(stored.platform()).isEqualTo("windows");
        assertThat(stored.stream()).isEqualTo("beta");
        assertThat(stored.version()).isEqualTo("2.4.6-rc.1");
        Build api = h.apiBuild(buildId);
        assertThat(api.labels()).extracting(Label::name).containsExactlyInAnyOrder("nightly", "qa");
        assertThat(api.notes()).isEqualTo("From Jenkins");
        assertThat(api.buildNumber()).isEqualTo("jenkins-1");
        assertThat(api.ciPipeline().ciPipelineName()).isEqualTo("space-game-windows");
        assertThat(api.ciPipeline().ciRunId()).isEqualTo("1");

        BuildstashRunAction action = run.getAction(BuildstashRunAction.class);
        assertThat(action.getUploads()).extracting(UploadRecord::getBuildId).containsExactly(buildId);
        assertThat(h.emulator.pendingUploads()).isEmpty();
    }

    @Test
    void declarativePipelineReadsTheReturnedMapInALaterStage() throws Exception {
        h = Harness.start(r);
        WorkflowJob job = h.pipeline("space-game-android", """
                pipeline {
                    agent { label 'remote' }
                    environment {
                        VERSION_MAJOR = '3'
                        VERSION_MINOR = '0'
                    }
                    stages {
                        stage('Upload') {
                            steps {
                                script {
                                    def result = buildstashUpload(file: 'out/game.apk',
                                            expansionFile: 'out/main.*.obb', metadataArtifacts: 'reports/*.xml',
                                            credentialsId: 'buildstash-app-key', platform: 'android',
                                            stream: 'nightly', versionMajor: env.VERSION_MAJOR,
                                            versionMinor: env.VERSION_MINOR, versionPatch: env.BUILD_NUMBER)
                                    env.BS_BUILD_ID = result.buildId
                                    env.BS_FILES = result.files.collect { it.role + ':' + it.name }.join(',')
                                    env.BS_METADATA = result.metadataArtifacts.collect { it.name }.join(',')
                                    env.BS_PENDING = "${result.pendingProcessing}"
                                }
                            }
                        }
                        stage('Announce') {
                            steps {
                                echo "LATER_ID=${env.BS_BUILD_ID}"
                                echo "LATER_FILES=${env.BS_FILES}"
                                echo "LATER_METADATA=${env.BS_METADATA}"
                                echo "LATER_PENDING=${env.BS_PENDING}"
                            }
                        }
                    }
                }
                """);
        String apk = h.putFile(job, "out/game.apk", 400_000, 2);
        String obb = h.putFile(job, "out/main.3.com.example.game.obb", 250_000, 3);
        String report = h.putFile(job, "reports/junit.xml", 4_000, 4);

        WorkflowRun run = r.buildAndAssertSuccess(job);

        String buildId = Harness.logValue(run, "LATER_ID");
        assertThat(Harness.logValue(run, "LATER_FILES"))
                .isEqualTo("primary:game.apk,expansion:main.3.com.example.game.obb");
        assertThat(Harness.logValue(run, "LATER_METADATA")).isEqualTo("junit.xml");
        assertThat(Harness.logValue(run, "LATER_PENDING")).isEqualTo("true");
        StoredBuild stored = h.stored(buildId);
        assertThat(stored.version()).isEqualTo("3.0.1");
        assertThat(stored.primary().sha256()).isEqualTo(apk);
        assertThat(stored.expansions()).singleElement().satisfies(e -> assertThat(e.sha256()).isEqualTo(obb));
        assertThat(stored.metadataArtifacts()).singleElement().satisfies(m -> {
            assertThat(m.filename()).isEqualTo("junit.xml");
            assertThat(m.sha256()).isEqualTo(report);
        });
    }

    @Test
    void eightParallelBranchesUploadAtOnce() throws Exception {
        // Every answer waits 150 ms, so that an upload lasts long enough for the branches to overlap visibly.
        h = Harness.start(r, EmulatorOptions.defaults().withLatency(Duration.ofMillis(150)));
        StringBuilder script = new StringBuilder("node('remote') {\n    def branches = [:]\n");
        script.append("    for (int i = 0; i < 8; i++) {\n        def n = i\n");
        script.append("        branches['b' + n] = {\n");
        script.append("            def result = buildstashUpload file: \"out/part-${n}.bin\", ")
                .append(Harness.uploadArgs("windows").replace("versionPatch: 3", "versionPatch: n + 1"))
                .append("\n            echo \"BRANCH_${n}=${result.buildId}\"\n        }\n    }\n");
        script.append("    parallel branches\n}\n");
        WorkflowJob job = h.pipeline("parallel-uploads", script.toString());
        Map<Integer, String> shas = new HashMap<>();
        for (int i = 0; i < 8; i++) {
            shas.put(i, h.putFile(job, "out/part-" + i + ".bin", 150_000 + i, 100 + i));
        }

        WorkflowRun run = r.buildAndAssertSuccess(job);

        List<String> ids = new ArrayList<>();
        for (int i = 0; i < 8; i++) {
            String id = Harness.logValue(run, "BRANCH_" + i);
            ids.add(id);
            StoredBuild stored = h.stored(id);
            assertThat(stored.primary().filename()).isEqualTo("part-" + i + ".bin");
            assertThat(stored.primary().sha256()).as("bytes of branch %d", i).isEqualTo(shas.get(i));
            assertThat(stored.version()).isEqualTo("1.2." + (i + 1));
        }
        assertThat(ids).doesNotHaveDuplicates();
        assertThat(run.getAction(BuildstashRunAction.class).getUploads()).extracting(UploadRecord::getBuildId)
                .containsExactlyInAnyOrderElementsOf(ids);
        assertThat(mostUploadsOpenAtOnce()).as("uploads open at the same moment").isGreaterThanOrEqualTo(2);
        assertThat(h.emulator.pendingUploads()).isEmpty();
    }

    @Test
    void versionComponentsMayBeNumbersNumericStringsOrEnvironmentValues() throws Exception {
        h = Harness.start(r);
        WorkflowJob job = h.pipeline("versions", """
                node('remote') {
                    withEnv(['MAJOR=7']) {
                        def a = buildstashUpload file: 'out/a.zip', credentialsId: 'buildstash-app-key',
                                platform: 'windows', stream: 'beta',
                                versionMajor: env.MAJOR, versionMinor: '8', versionPatch: 9
                        echo "A=${a.version}"
                        def b = buildstashUpload file: 'out/a.zip', credentialsId: 'buildstash-app-key',
                                platform: 'windows', stream: 'beta',
                                versionMajor: 0, versionMinor: "${env.MAJOR}", versionPatch: env.BUILD_NUMBER
                        echo "B=${b.version} B_ID=${b.buildId}"
                    }
                }
                """);
        h.putFile(job, "out/a.zip", 10_000, 5);

        WorkflowRun run = r.buildAndAssertSuccess(job);

        assertThat(Harness.logValue(run, "A")).isEqualTo("7.8.9");
        assertThat(Harness.logValue(run, "B")).isEqualTo("0.7.1");
        assertThat(h.stored(Harness.logValue(run, "B_ID")).version()).isEqualTo("0.7.1");
    }

    @Test
    void aVersionThatIsNotANumberIsRefusedBeforeAnythingIsSent() throws Exception {
        h = Harness.start(r);
        WorkflowJob job = h.pipeline("bad-version", """
                node('remote') {
                    buildstashUpload file: 'out/a.zip', credentialsId: 'buildstash-app-key', platform: 'windows',
                            stream: 'beta', versionMajor: 'two', versionMinor: 0, versionPatch: 1
                }
                """);
        h.putFile(job, "out/a.zip", 1_000, 6);

        WorkflowRun run = r.buildAndAssertStatus(Result.FAILURE, job);

        r.assertLogContains("versionMajor", run);
        assertThat(h.emulator.requestCount("requestUpload")).isZero();
        assertThat(h.emulator.storedBuilds()).isEmpty();
    }

    @Test
    void aWorkspaceKeyUploadsToTheApplicationItNamesAndFailsClearlyWithoutOne() throws Exception {
        h = Harness.start(r);
        String upload = "buildstashUpload file: 'out/a.zip', credentialsId: 'buildstash-workspace-key', "
                + "platform: 'windows', stream: 'production', versionMajor: 1, versionMinor: 0, versionPatch: 0";
        WorkflowJob withId = h.pipeline("with-application", "node('remote') {\n def r = " + upload
                + ", applicationId: '" + h.seed.applicationId() + "'\n echo \"ID=${r.buildId}\"\n}\n");
        WorkflowJob withoutId = h.pipeline("without-application", "node('remote') {\n " + upload + "\n}\n");
        h.putFile(withId, "out/a.zip", 2_000, 7);
        h.putFile(withoutId, "out/a.zip", 2_000, 7);

        WorkflowRun ok = r.buildAndAssertSuccess(withId);
        WorkflowRun refused = r.buildAndAssertStatus(Result.FAILURE, withoutId);

        assertThat(h.stored(Harness.logValue(ok, "ID")).applicationId()).isEqualTo(h.seed.applicationId());
        r.assertLogContains("is a workspace key", refused);
        r.assertLogContains("must be told which application", refused);
        r.assertLogNotContains("\tat ", refused);
        assertThat(h.emulator.storedBuilds()).hasSize(1);
    }

    @Test
    void aPatternThatMatchesNoFileFailsWithOneMessageAndNoRequest() throws Exception {
        h = Harness.start(r);
        WorkflowJob job = h.pipeline("no-file", "node('remote') {\n buildstashUpload file: 'out/*.ipa', "
                + Harness.uploadArgs("ios") + "\n}\n");
        h.putFile(job, "out/SpaceGame.zip", 1_000, 8);

        WorkflowRun run = r.buildAndAssertStatus(Result.FAILURE, job);

        r.assertLogContains("file 'out/*.ipa' matches no file in the workspace", run);
        r.assertLogNotContains("\tat ", run);
        assertThat(h.emulator.requestCount("requestUpload")).isZero();
    }

    @Test
    void aMultipartUploadGetsItsPartUrlsFromTheControllerAcrossTheChannel() throws Exception {
        h = Harness.start(r, EmulatorOptions.defaults().withMultipartThresholdBytes(1 << 20).withPartSizeMb(1));
        WorkflowJob job = h.pipeline("multipart", "node('remote') {\n def r = buildstashUpload file: 'big.pak', "
                + "partConcurrency: 3, " + Harness.uploadArgs("windows") + "\n echo \"ID=${r.buildId}\"\n}\n");
        long size = 5L * (1 << 20) + 12_345;
        String sha = h.putFile(job, "big.pak", size, 9);

        WorkflowRun run = r.buildAndAssertSuccess(job);

        StoredBuild stored = h.stored(Harness.logValue(run, "ID"));
        assertThat(stored.primary().sizeBytes()).isEqualTo(size);
        assertThat(stored.primary().sha256()).isEqualTo(sha);
        assertThat(h.emulator.requestCount("storageUploadPart")).isEqualTo(6);
        assertThat(h.emulator.requestCount("requestMultipartPart")).isPositive();
        // The part URLs went to the agent as answers to its calls on the exported URL source.
        assertThat(h.tap.commandsSentWithPresignedUrl()).isPositive();
    }

    /** The most uploads requested and not yet verified at one moment, from the emulator's request log. */
    private int mostUploadsOpenAtOnce() {
        List<RequestRecord> log = new ArrayList<>(h.emulator.requestLog());
        log.sort(Comparator.comparing(RequestRecord::at));
        int open = 0;
        int most = 0;
        for (RequestRecord request : log) {
            if (request.route().equals("requestUpload") && request.status() == 200) {
                most = Math.max(most, ++open);
            } else if (request.route().equals("verifyUpload") && request.status() == 200) {
                open--;
            }
        }
        return most;
    }
}
