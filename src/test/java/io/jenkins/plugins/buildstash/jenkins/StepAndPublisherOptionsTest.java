package io.jenkins.plugins.buildstash.jenkins;

import io.jenkins.plugins.buildstash.jenkins.config.ConnectionCheck;
import io.jenkins.plugins.buildstash.jenkins.runner.UploadParameters;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import io.jenkins.plugins.buildstash.api.KeyDescription;
import io.jenkins.plugins.buildstash.api.model.Application;
import io.jenkins.plugins.buildstash.api.model.Workspace;
import io.jenkins.plugins.buildstash.jenkins.freestyle.BuildstashUploadRecorder;
import io.jenkins.plugins.buildstash.jenkins.steps.BuildstashUploadStep;
import io.jenkins.plugins.buildstash.upload.CiInfo;
import io.jenkins.plugins.buildstash.upload.InvalidUploadException;
import io.jenkins.plugins.buildstash.upload.VcsInfo;
import java.lang.reflect.Method;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** What the step and the post-build action hand to the upload, after expansion and parsing. */
class StepAndPublisherOptionsTest {

    private static UploadParameters parameters(Object owner, Object... args) throws Exception {
        for (Method m : owner.getClass().getDeclaredMethods()) {
            if (m.getName().equals("parameters")) {
                m.setAccessible(true);
                return (UploadParameters) m.invoke(owner, args);
            }
        }
        throw new AssertionError("no parameters method");
    }

    @Test
    void theStepPassesItsOptionsOnWithListsSplit() throws Exception {
        BuildstashUploadStep step = new BuildstashUploadStep("build/*.apk");
        step.setCredentialsId(" bs-key ");
        step.setPlatform("android");
        step.setStream("beta");
        step.setVersionMajor(2);
        step.setVersionMinor(0);
        step.setVersionPatch(11);
        step.setLabels("qa, nightly\nrc");
        step.setArchitectures("arm64v8,armv7");
        step.setVcsBranch("release/2.0");
        step.setExpansionFile("  ");
        UploadParameters p = parameters(step);
        assertThat(p.credentialsId()).isEqualTo("bs-key");
        assertThat(p.file()).isEqualTo("build/*.apk");
        assertThat(p.expansionFile()).isNull();
        assertThat(p.detectMetadata()).isTrue();
        assertThat(p.options().labels()).containsExactly("qa", "nightly", "rc");
        assertThat(p.options().architectures()).containsExactly("arm64v8", "armv7");
        assertThat(p.options().version()).isEqualTo("2.0.11");
        assertThat(p.options().vcs().branch()).isEqualTo("release/2.0");
    }

    @Test
    void aPipelineGivesLabelsThatHoldCommasAsAListOrInQuotes() throws Exception {
        BuildstashUploadStep listed = new BuildstashUploadStep("a.apk");
        listed.setLabelList(List.of("qa, nightly", "say \"hi\"", " release "));
        listed.setArchitectureList(List.of("arm64v8"));
        assertThat(parameters(listed).options().labels()).containsExactly("qa, nightly", "say \"hi\"", "release");
        assertThat(parameters(listed).options().architectures()).containsExactly("arm64v8");

        BuildstashUploadStep quoted = new BuildstashUploadStep("a.apk");
        quoted.setLabels("\"qa, nightly\", release");
        assertThat(parameters(quoted).options().labels()).containsExactly("qa, nightly", "release");
    }

    @Test
    void labelsGivenBothWaysOrWithAStrayQuoteAreRefusedByName() {
        BuildstashUploadStep both = new BuildstashUploadStep("a.apk");
        both.setLabels("qa");
        both.setLabelList(List.of("release"));
        assertThat(catchThrowableOfType(java.lang.reflect.InvocationTargetException.class, () -> parameters(both))
                .getCause()).isInstanceOf(InvalidUploadException.class)
                .hasMessage("Not uploaded: labels and labelList are both set: give the entries in one of them");

        BuildstashUploadRecorder recorder = new BuildstashUploadRecorder("a.apk");
        recorder.setLabels("\"qa, nightly");
        assertThat(catchThrowableOfType(java.lang.reflect.InvocationTargetException.class,
                () -> parameters(recorder, new JenkinsDoubles.FakeEnv(Map.of()))).getCause())
                .hasMessage("Not uploaded: labels: the quote that opens \"qa, nightly is never closed. Put an entry that"
                        + " holds a comma in double quotes, such as \"qa, nightly\", and write a quote inside it twice"
                        + " (\"\")");
    }

    @Test
    void thePublisherExpandsVariablesInEveryTextField() throws Exception {
        BuildstashUploadRecorder recorder = new BuildstashUploadRecorder("out/${FLAVOR}/*.apk");
        recorder.setCredentialsId("${BS_CREDENTIALS}");
        recorder.setPlatform("android");
        recorder.setStream("${STREAM}");
        recorder.setVersionMajor("${MAJOR}");
        recorder.setVersionMinor("0");
        recorder.setVersionPatch("$BUILD_NUMBER");
        recorder.setCustomBuildNumber("${BUILD_NUMBER}-${FLAVOR}");
        recorder.setNotes("Built from ${GIT_COMMIT}");
        UploadParameters p = parameters(recorder, new JenkinsDoubles.FakeEnv(Map.of("FLAVOR", "release",
                "BS_CREDENTIALS", "team-key", "STREAM", "beta", "MAJOR", "3", "BUILD_NUMBER", "77", "GIT_COMMIT", "abc123")));
        assertThat(p.file()).isEqualTo("out/release/*.apk");
        // Not expanded: the credentials plugin resolves ${BS_CREDENTIALS} itself, checking who may use the parameter.
        assertThat(p.credentialsId()).isEqualTo("${BS_CREDENTIALS}");
        assertThat(p.options().stream()).isEqualTo("beta");
        assertThat(p.options().version()).isEqualTo("3.0.77");
        assertThat(p.options().customBuildNumber()).isEqualTo("77-release");
        assertThat(p.options().notes()).isEqualTo("Built from abc123");
        assertThat(recorder.isOnlyIfSuccessful()).isTrue();
    }

    @Test
    void anUnsetVariableInAVersionFieldIsNamed() throws Exception {
        BuildstashUploadRecorder recorder = new BuildstashUploadRecorder("a.apk");
        recorder.setPlatform("android");
        recorder.setStream("beta");
        recorder.setVersionMajor("${MAJOR}");
        recorder.setVersionMinor("0");
        recorder.setVersionPatch("1");
        Throwable t = catchThrowableOfType(java.lang.reflect.InvocationTargetException.class,
                () -> parameters(recorder, new JenkinsDoubles.FakeEnv(Map.of()))).getCause();
        assertThat(t).isInstanceOf(InvalidUploadException.class)
                .hasMessage("Not uploaded: versionMajor '${MAJOR}' is not a whole number: the variable MAJOR is not set in this build");
    }

    @Test
    void aCredentialsVariableThatExpandsToNothingLeavesTheIdUnsetForTheGlobalDefault() throws Exception {
        BuildstashUploadRecorder recorder = new BuildstashUploadRecorder("a.apk");
        recorder.setCredentialsId("${BS_CREDENTIALS}");
        recorder.setVersionMajor("1");
        UploadParameters p = parameters(recorder, new JenkinsDoubles.FakeEnv(Map.of("BS_CREDENTIALS", "")));
        assertThat(p.credentialsId()).isNull();
    }

    @Test
    void everyProblemOfTheOptionsIsReportedTogetherWithAnUnreadableVersion() throws Exception {
        BuildstashUploadRecorder recorder = new BuildstashUploadRecorder("a.apk");
        recorder.setPlatform("andriod");
        recorder.setStream("beta");
        recorder.setVersionMajor("abc");
        recorder.setVersionMinor("${MINOR}");
        recorder.setVersionPatch("10000");
        recorder.setVersionExtra("rc 1");
        Throwable t = catchThrowableOfType(java.lang.reflect.InvocationTargetException.class,
                () -> parameters(recorder, new JenkinsDoubles.FakeEnv(Map.of()))).getCause();
        assertThat(t).isInstanceOf(InvalidUploadException.class);
        assertThat(((InvalidUploadException) t).problems()).hasSize(5)
                .anySatisfy(p -> assertThat(p).startsWith("versionMajor 'abc' is not a whole number"))
                .anySatisfy(p -> assertThat(p).startsWith("versionMinor '${MINOR}' is not a whole number"))
                .anySatisfy(p -> assertThat(p).startsWith("versionPatch is 10000"))
                .anySatisfy(p -> assertThat(p).startsWith("platform 'andriod'"))
                .anySatisfy(p -> assertThat(p).startsWith("versionExtra 'rc 1'"));
    }

    @Test
    void detectedMetadataIsOverriddenFieldByField() {
        CiInfo ci = UploadParameters.merge(new CiInfo("folder/job", "12", "https://ci/job/12/", "00:01:00"),
                new CiInfo(null, " ", "https://mirror/job/12/", null));
        assertThat(ci).isEqualTo(new CiInfo("folder/job", "12", "https://mirror/job/12/", "00:01:00"));
        VcsInfo vcs = UploadParameters.merge(new VcsInfo("git", "github", "a/b", "https://github.com/a/b", "main", "f00", null),
                new VcsInfo(null, "gitlab-self", null, null, "hotfix", null, null));
        assertThat(vcs.host()).isEqualTo("gitlab-self");
        assertThat(vcs.branch()).isEqualTo("hotfix");
        assertThat(vcs.repoUrl()).isEqualTo("https://github.com/a/b");
    }

    @Test
    void theConnectionCheckSaysWhichKeyAndWhatItReaches() {
        Workspace ws = new Workspace("w1", "Acme Games", "acme", null, null, null);
        Application game = new Application("a1", "Space Game", null, null, null, null, null, "w1", null, null);
        Application tool = new Application("a2", "Level Tool", null, null, null, null, null, "w1", null, null);
        assertThat(ConnectionCheck.describe(new KeyDescription(ws, KeyDescription.Kind.WORKSPACE, List.of(game, tool), "")))
                .isEqualTo("Connected to the workspace 'Acme Games' with a workspace key. It reaches 2 applications:"
                        + " Space Game (a1), Level Tool (a2). Uploads with this key must set applicationId.");
        assertThat(ConnectionCheck.describe(new KeyDescription(ws, KeyDescription.Kind.APPLICATION, List.of(game),
                        "it sees one application")))
                .startsWith("Connected to the workspace 'Acme Games' with what looks like an application key for"
                        + " 'Space Game' (a1)")
                .endsWith("applicationId is not needed.");
        assertThat(ConnectionCheck.describe(new KeyDescription(ws, KeyDescription.Kind.UNKNOWN, List.of(), "HTTP 403")))
                .contains("could not be told: HTTP 403");
    }
}
