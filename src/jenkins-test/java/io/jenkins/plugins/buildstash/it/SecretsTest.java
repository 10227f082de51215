package io.jenkins.plugins.buildstash.it;

import static org.assertj.core.api.Assertions.assertThat;

import hudson.model.FreeStyleBuild;
import hudson.model.FreeStyleProject;
import hudson.remoting.Channel;
import io.jenkins.plugins.buildstash.emulator.EmulatorOptions;
import io.jenkins.plugins.buildstash.it.Harness.SeededRelease;
import io.jenkins.plugins.buildstash.jenkins.actions.BuildstashRunAction;
import io.jenkins.plugins.buildstash.jenkins.freestyle.BuildstashReleaseDownloadBuilder;
import io.jenkins.plugins.buildstash.jenkins.freestyle.BuildstashUploadRecorder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import jenkins.security.MasterToSlaveCallable;
import org.jenkinsci.plugins.workflow.job.WorkflowJob;
import org.jenkinsci.plugins.workflow.job.WorkflowRun;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.jvnet.hudson.test.JenkinsRule;
import org.jvnet.hudson.test.junit.jupiter.WithJenkins;

/**
 * The API key stays on the controller, in the credentials store only: after uploads and release downloads of every
 * kind, no file under JENKINS_HOME or the agent's directory, nothing sent over the channel and nothing logged holds
 * it. The checks themselves are shown to find a key where one is.
 */
@WithJenkins
class SecretsTest {

    private JenkinsRule r;
    private Harness h;

    @BeforeEach
    void setUp(JenkinsRule rule) throws Exception {
        this.r = rule;
        this.h = Harness.start(r, EmulatorOptions.defaults().withMultipartThresholdBytes(1 << 20).withPartSizeMb(1));
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
    void theChecksFindAKeyPlantedOnEitherSideOrSentOverTheChannel() throws Exception {
        String decoy = "bse_decoy_" + Long.toHexString(System.nanoTime()) + "_not_a_real_key";
        Path home = r.jenkins.getRootDir().toPath().resolve("jobs/planted/builds/1/build.xml");
        Path agentFile = Path.of(h.agent.getRemoteFS()).resolve("workspace/planted/log.txt");
        for (Path p : List.of(home, agentFile)) {
            Files.createDirectories(p.getParent());
            Files.writeString(p, "<x>" + decoy + "</x>", StandardCharsets.UTF_8);
        }
        ChannelTap decoyTap = new ChannelTap(List.of(decoy));
        Channel channel = (Channel) h.agent.getChannel();
        channel.addListener(decoyTap);
        try {
            assertThat(channel.call(new Length(decoy))).isEqualTo(decoy.length());
        } finally {
            channel.removeListener(decoyTap);
        }

        // (The agent's directory lies under JENKINS_HOME's parent in tests, so it may be walked twice.)
        assertThat(SecretScan.scan(r.jenkins.getRootDir().toPath(), List.of(decoy)))
                .contains(Path.of("jobs/planted/builds/1/build.xml") + " holds API key #1");
        assertThat(SecretScan.scan(Path.of(h.agent.getRemoteFS()), List.of(decoy)))
                .containsExactly(Path.of("workspace/planted/log.txt") + " holds API key #1");
        assertThat(decoyTap.leaks()).anySatisfy(leak -> assertThat(leak).contains("sent to the agent"));
        Files.delete(home);
        Files.delete(agentFile);
    }

    @Test
    void uploadsAndDownloadsOfEveryKindLeaveTheKeyOnlyInTheCredentialsStore() throws Exception {
        SeededRelease release = h.seedRelease();
        WorkflowJob pipeline = h.pipeline("everything", """
                node('remote') {
                    def big = buildstashUpload file: 'big.apk', expansionFile: 'main.obb', metadataArtifacts: 'r.xml',
                            credentialsId: 'buildstash-app-key', platform: 'android', stream: 'beta',
                            versionMajor: 1, versionMinor: 0, versionPatch: 0
                    def ws = buildstashUpload file: 'big.pak', credentialsId: 'buildstash-workspace-key',
                            applicationId: '%s', platform: 'windows', stream: 'beta',
                            versionMajor: 1, versionMinor: 0, versionPatch: 1
                    def release = buildstashRelease credentialsId: 'buildstash-app-key', version: '2.3.0', download: true
                    echo "IDS=${big.buildId},${ws.buildId} RELEASE=${release.id}"
                }
                """.formatted(h.seed.applicationId()));
        h.putFile(pipeline, "big.apk", 3L * (1 << 20) + 7, 70);
        h.putFile(pipeline, "big.pak", 3L * (1 << 20) + 9, 74);
        h.putFile(pipeline, "main.obb", 1_500_000, 71);
        h.putFile(pipeline, "r.xml", 2_000, 72);
        FreeStyleProject freestyle = r.createFreeStyleProject("everything-freestyle");
        freestyle.setAssignedLabel(hudson.model.Label.get(Harness.LABEL));
        h.putFile(freestyle, "out/app.zip", 2L * (1 << 20), 73);
        BuildstashReleaseDownloadBuilder download = new BuildstashReleaseDownloadBuilder();
        download.setCredentialsId(Harness.APP_KEY_ID);
        download.setReleaseId(release.id());
        freestyle.getBuildersList().add(download);
        BuildstashUploadRecorder upload = new BuildstashUploadRecorder("out/app.zip");
        upload.setCredentialsId(Harness.WORKSPACE_KEY_ID);
        upload.setApplicationId(h.seed.applicationId());
        upload.setPlatform("windows");
        upload.setStream("beta");
        upload.setVersionMajor("1");
        upload.setVersionMinor("0");
        upload.setVersionPatch("2");
        freestyle.getPublishersList().add(upload);

        WorkflowRun run = r.buildAndAssertSuccess(pipeline);
        FreeStyleBuild build = r.buildAndAssertSuccess(freestyle);

        assertThat(h.emulator.storedBuilds()).hasSize(5);
        // What is persisted: the records of the build page (ids and names) and the credential ids, never a key.
        String buildXml = Files.readString(run.getRootDir().toPath().resolve("build.xml"));
        assertThat(buildXml).contains(run.getAction(BuildstashRunAction.class).getLatest().getBuildId())
                .contains(release.id());
        assertThat(Files.readString(build.getRootDir().toPath().resolve("build.xml")))
                .contains(build.getAction(BuildstashRunAction.class).getLatest().getBuildId());
        String credentials = Files.readString(r.jenkins.getRootDir().toPath().resolve("credentials.xml"));
        assertThat(credentials).contains(Harness.APP_KEY_ID).contains(Harness.WORKSPACE_KEY_ID);
        // The tap saw the part URLs go to the agent, so it reads what crosses; the keys never did (checked after).
        assertThat(h.tap.commandsSentWithPresignedUrl()).isPositive();
        assertThat(h.tap.commandsReceived()).isPositive();
    }

    /** Runs on the agent: proves that a string in a callable crosses the channel where the tap can see it. */
    private static final class Length extends MasterToSlaveCallable<Integer, RuntimeException> {
        private static final long serialVersionUID = 1L;
        private final String text;

        Length(String text) {
            this.text = text;
        }

        @Override
        public Integer call() {
            return text.length();
        }
    }
}
