package io.jenkins.plugins.buildstash.it;

import static org.assertj.core.api.Assertions.assertThat;

import io.jenkins.plugins.buildstash.api.ApiBaseUrl;
import io.jenkins.plugins.buildstash.jenkins.config.BuildstashGlobalConfiguration;
import io.jenkins.plugins.buildstash.jenkins.freestyle.BuildstashReleaseDownloadBuilder;
import io.jenkins.plugins.buildstash.jenkins.freestyle.BuildstashUploadRecorder;
import io.jenkins.plugins.buildstash.jenkins.steps.BuildstashReleaseStep;
import io.jenkins.plugins.buildstash.jenkins.steps.BuildstashUploadStep;
import net.sf.json.JSONObject;
import org.jenkinsci.plugins.workflow.cps.SnippetizerTester;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.jvnet.hudson.test.JenkinsRule;
import org.jvnet.hudson.test.junit.jupiter.WithJenkins;

/**
 * The configuration forms submitted unchanged keep every value (global configuration, post-build action, download
 * step), and the snippet generator writes the shortest call that gives back the same step.
 */
@WithJenkins
class FormRoundTripTest {

    private static final String UPLOAD_STEP = BuildstashUploadStep.class.getName();
    private static final String RELEASE_STEP = BuildstashReleaseStep.class.getName();

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
    void theGlobalConfigurationKeepsEveryFieldThroughTheForm() throws Exception {
        BuildstashGlobalConfiguration config = BuildstashGlobalConfiguration.get();
        config.setCredentialsId(Harness.APP_KEY_ID);
        config.setPartConcurrency(4);
        config.setRetryAttempts(3);
        config.setConnectTimeoutSeconds(7);
        config.setRequestTimeoutSeconds(45);
        config.setStallTimeoutSeconds(90);
        config.setControllerProxyOnAgents(true);

        r.configRoundtrip();

        assertThat(config.getBaseUrl()).isEqualTo(h.emulator.apiBaseUrl());
        assertThat(config.getCredentialsId()).isEqualTo(Harness.APP_KEY_ID);
        assertThat(config.getPartConcurrency()).isEqualTo(4);
        assertThat(config.getRetryAttempts()).isEqualTo(3);
        assertThat(config.getConnectTimeoutSeconds()).isEqualTo(7);
        assertThat(config.getRequestTimeoutSeconds()).isEqualTo(45);
        assertThat(config.getStallTimeoutSeconds()).isEqualTo(90);
        assertThat(config.isControllerProxyOnAgents()).isTrue();
    }

    @Test
    void theGlobalConfigurationDefaultsStayDefaultsThroughTheForm() throws Exception {
        BuildstashGlobalConfiguration config = BuildstashGlobalConfiguration.get();
        config.setBaseUrl(null);

        r.configRoundtrip();

        assertThat(config.getBaseUrl()).isEqualTo(ApiBaseUrl.DEFAULT);
        assertThat(config.getCredentialsId()).isNull();
        assertThat(config.getRetryAttempts()).as("unset means the per-call defaults").isNull();
        assertThat(config.getPartConcurrency()).isEqualTo(8);
        assertThat(config.getConnectTimeoutSeconds()).isEqualTo(10);
        assertThat(config.getRequestTimeoutSeconds()).isEqualTo(60);
        assertThat(config.getStallTimeoutSeconds()).isEqualTo(120);
        assertThat(config.isControllerProxyOnAgents()).isFalse();
        // An unchanged default is not written out as if an administrator had chosen it.
        assertThat(new String(java.nio.file.Files.readAllBytes(r.jenkins.getRootDir().toPath()
                .resolve(BuildstashGlobalConfiguration.class.getName() + ".xml")))).doesNotContain("<baseUrl>");
    }

    @Test
    void thePostBuildActionKeepsEveryFieldThroughTheForm() throws Exception {
        BuildstashUploadRecorder before = new BuildstashUploadRecorder("out/${APP}.apk");
        before.setCredentialsId(Harness.APP_KEY_ID);
        before.setApplicationId(h.seed.applicationId());
        before.setExpansionFile("out/main.*.obb");
        before.setMetadataArtifacts("reports/**/*.xml, sbom.cdx.json");
        before.setPlatform("android");
        before.setStream("${STREAM}");
        before.setVersionMajor("2");
        before.setVersionMinor("${MINOR}");
        before.setVersionPatch("${BUILD_NUMBER}");
        before.setVersionExtra("rc.1");
        before.setVersionMeta("2026.12.02");
        before.setCustomBuildNumber("${BUILD_NUMBER}");
        before.setLabels("nightly, qa");
        before.setArchitectures("arm64v8, armv7");
        before.setNotes("Built from ${GIT_COMMIT} with care");
        before.setCustomTarget("Amazon Appstore");
        before.setPartConcurrency(6);
        before.setDetectMetadata(false);
        before.setCiPipeline("space-game");
        before.setCiRunId("${BUILD_ID}");
        before.setCiRunUrl("https://ci.example.com/job/space-game/1/");
        before.setCiBuildDuration("1m 2s");
        before.setVcsHostType("github");
        before.setVcsHost("github.com");
        before.setVcsRepoName("example/space-game");
        before.setVcsRepoUrl("https://github.com/example/space-game");
        before.setVcsBranch("main");
        before.setVcsCommitSha("0123456789abcdef0123456789abcdef01234567");
        before.setVcsCommitUrl("https://github.com/example/space-game/commit/0123456");
        before.setOnlyIfSuccessful(false);

        BuildstashUploadRecorder after = r.configRoundtrip(before);

        r.assertEqualDataBoundBeans(before, after);
    }

    @Test
    void thePostBuildActionWithOnlyTheRequiredFieldsKeepsItsDefaultsThroughTheForm() throws Exception {
        BuildstashUploadRecorder before = new BuildstashUploadRecorder("out/app.zip");
        before.setPlatform("windows");
        before.setStream("beta");
        before.setVersionMajor("1");
        before.setVersionMinor("0");
        before.setVersionPatch("${BUILD_NUMBER}");

        BuildstashUploadRecorder after = r.configRoundtrip(before);

        r.assertEqualDataBoundBeans(before, after);
        assertThat(after.getPartConcurrency()).as("unset: the global default applies").isNull();
        assertThat(after.getCredentialsId()).isNull();
        assertThat(after.isDetectMetadata()).isTrue();
        assertThat(after.isOnlyIfSuccessful()).isTrue();
    }

    @Test
    void theReleaseDownloadStepKeepsEveryFieldThroughTheForm() throws Exception {
        BuildstashReleaseDownloadBuilder full = new BuildstashReleaseDownloadBuilder();
        full.setCredentialsId(Harness.APP_KEY_ID);
        full.setApplicationId(h.seed.applicationId());
        full.setVersion("${RELEASE_VERSION}");
        full.setLabels("approved, signed");
        full.setPlatforms("android, ios");
        full.setTargetFolder("deploy");
        full.setDownloadPlatforms("android");
        BuildstashReleaseDownloadBuilder byId = new BuildstashReleaseDownloadBuilder();
        byId.setReleaseId("rel_123");

        r.assertEqualDataBoundBeans(full, r.configRoundtrip(full));
        BuildstashReleaseDownloadBuilder byIdAfter = r.configRoundtrip(byId);
        r.assertEqualDataBoundBeans(byId, byIdAfter);
        assertThat(byIdAfter.getTargetFolder()).as("the form's default folder is the default, not a choice").isNull();
    }

    @Test
    void theUploadStepSnippetOmitsDefaultsAndParsesBackToTheSameStep() throws Exception {
        SnippetizerTester snippets = new SnippetizerTester(r);
        BuildstashUploadStep minimal = new BuildstashUploadStep("out/app.apk");
        minimal.setPlatform("android");
        minimal.setStream("beta");
        minimal.setVersionMajor(1);
        minimal.setVersionMinor(2);
        minimal.setVersionPatch(3);
        snippets.assertRoundTrip(minimal, "buildstashUpload file: 'out/app.apk', platform: 'android', stream: 'beta', "
                + "versionMajor: 1, versionMinor: 2, versionPatch: 3");

        BuildstashUploadStep full = new BuildstashUploadStep("out/app.apk");
        full.setApplicationId("app_1");
        full.setArchitectures("arm64v8, armv7");
        full.setCiPipeline("space-game");
        full.setCredentialsId(Harness.APP_KEY_ID);
        full.setCustomBuildNumber("118");
        full.setCustomTarget("Amazon Appstore");
        full.setDetectMetadata(false);
        full.setExpansionFile("out/main.obb");
        full.setLabels("nightly");
        full.setMetadataArtifacts("reports/*.xml");
        full.setNotes("Built by Jenkins");
        full.setPartConcurrency(4);
        full.setPlatform("android");
        full.setStream("beta");
        full.setVcsBranch("main");
        full.setVersionExtra("rc.1");
        full.setVersionMajor(2);
        full.setVersionMeta("2026.12.02");
        full.setVersionMinor(4);
        full.setVersionPatch(118);
        snippets.assertRoundTrip(full, "buildstashUpload applicationId: 'app_1', architectures: 'arm64v8, armv7', "
                + "ciPipeline: 'space-game', credentialsId: 'buildstash-app-key', customBuildNumber: '118', "
                + "customTarget: 'Amazon Appstore', detectMetadata: false, expansionFile: 'out/main.obb', "
                + "file: 'out/app.apk', labels: 'nightly', metadataArtifacts: 'reports/*.xml', "
                + "notes: 'Built by Jenkins', partConcurrency: 4, platform: 'android', stream: 'beta', "
                + "vcsBranch: 'main', versionExtra: 'rc.1', versionMajor: 2, versionMeta: '2026.12.02', "
                + "versionMinor: 4, versionPatch: 118");
    }

    @Test
    void theReleaseStepSnippetOmitsDefaultsAndParsesBackToTheSameStep() throws Exception {
        SnippetizerTester snippets = new SnippetizerTester(r);
        snippets.assertRoundTrip(new BuildstashReleaseStep(), "buildstashRelease()");
        BuildstashReleaseStep step = new BuildstashReleaseStep();
        step.setCredentialsId(Harness.APP_KEY_ID);
        step.setVersion("2.3.0");
        step.setDownload(true);
        step.setDownloadPlatforms("android, ios");
        snippets.assertRoundTrip(step, "buildstashRelease credentialsId: 'buildstash-app-key', download: true, "
                + "downloadPlatforms: 'android, ios', version: '2.3.0'");
    }

    @Test
    void theSnippetGeneratorTurnsTheUntouchedUploadFormIntoTheShortestCall() throws Exception {
        JSONObject form = new JSONObject()
                .element("stapler-class", UPLOAD_STEP)
                .element("$class", UPLOAD_STEP)
                .element("file", "out/app.apk")
                .element("platform", "android")
                .element("stream", "beta")
                .element("versionMajor", "1")
                .element("versionMinor", "2")
                .element("versionPatch", "3")
                // What the form sends for the fields left alone: empty text, the checked default, an empty number.
                .element("detectMetadata", true)
                .element("partConcurrency", "");
        for (String blank : new String[] {"credentialsId", "applicationId", "versionExtra", "versionMeta",
                "customBuildNumber", "labels", "architectures", "notes", "customTarget", "expansionFile",
                "metadataArtifacts", "ciPipeline", "ciRunId", "ciRunUrl", "ciBuildDuration", "vcsHostType",
                "vcsHost", "vcsRepoName", "vcsRepoUrl", "vcsBranch", "vcsCommitSha", "vcsCommitUrl"}) {
            form.element(blank, "");
        }

        new SnippetizerTester(r).assertGenerateSnippet(form.toString(), "buildstashUpload file: 'out/app.apk', "
                + "platform: 'android', stream: 'beta', versionMajor: 1, versionMinor: 2, versionPatch: 3", null);
    }

    @Test
    void theSnippetGeneratorTurnsTheUntouchedReleaseFormIntoTheShortestCall() throws Exception {
        JSONObject form = new JSONObject()
                .element("stapler-class", RELEASE_STEP)
                .element("$class", RELEASE_STEP)
                .element("credentialsId", Harness.APP_KEY_ID)
                .element("applicationId", "")
                .element("releaseId", "")
                .element("version", "2.3.0")
                .element("labels", "")
                .element("platforms", "")
                .element("download", false)
                // The form shows the default folder in the box; left as it is, it is no choice of the user's.
                .element("targetFolder", "buildstash-release")
                .element("downloadPlatforms", "");

        new SnippetizerTester(r).assertGenerateSnippet(form.toString(),
                "buildstashRelease credentialsId: 'buildstash-app-key', version: '2.3.0'", null);
    }
}
