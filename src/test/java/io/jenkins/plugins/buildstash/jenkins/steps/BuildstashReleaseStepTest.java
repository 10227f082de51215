package io.jenkins.plugins.buildstash.jenkins.steps;

import static org.assertj.core.api.Assertions.assertThat;

import io.jenkins.plugins.buildstash.jenkins.runner.ReleaseParameters;
import io.jenkins.plugins.buildstash.jenkins.runner.ReleaseRunner;
import java.util.List;
import org.junit.jupiter.api.Test;

class BuildstashReleaseStepTest {

    @Test
    void theOptionsBecomeASelectionAndADownloadPlan() {
        BuildstashReleaseStep step = new BuildstashReleaseStep();
        step.setCredentialsId(" buildstash-key ");
        step.setApplicationId("app1");
        step.setVersion(" 2.3.0 ");
        step.setLabels("approved, signed");
        step.setPlatforms("");
        step.setDownload(true);
        step.setTargetFolder("deploy");
        step.setDownloadPlatforms("android,\nios");

        ReleaseParameters p = step.parameters();

        assertThat(p.credentialsId()).isEqualTo("buildstash-key");
        assertThat(p.selection().applicationId()).isEqualTo("app1");
        assertThat(p.selection().version()).isEqualTo("2.3.0");
        assertThat(p.selection().releaseId()).isNull();
        assertThat(p.selection().labels()).containsExactly("approved", "signed");
        assertThat(p.selection().platforms()).isEmpty();
        assertThat(p.download()).isTrue();
        assertThat(p.targetFolder()).isEqualTo("deploy");
        assertThat(p.downloadPlatforms()).containsExactly("android", "ios");
    }

    @Test
    void withNoOptionsTheNewestReleaseIsFetchedAndNothingDownloaded() {
        ReleaseParameters p = new BuildstashReleaseStep().parameters();

        assertThat(p.download()).isFalse();
        assertThat(p.selection().describe()).isEqualTo("the newest release");
        assertThat(p.targetFolder()).isNull();
    }

    @Test
    void theFunctionNameIsTheSymbolAndTheStepNeedsNoNodeForTheReleasesDetails() {
        BuildstashReleaseStep.DescriptorImpl descriptor = new BuildstashReleaseStep.DescriptorImpl();

        assertThat(descriptor.getFunctionName()).isEqualTo("buildstashRelease");
        assertThat(BuildstashReleaseStep.DescriptorImpl.class.getAnnotation(org.jenkinsci.Symbol.class).value())
                .containsExactly("buildstashRelease");
        // A FilePath here would make Pipeline demand a node block even with download: false.
        java.util.Set<Class<?>> context = java.util.Set.copyOf(descriptor.getRequiredContext());
        assertThat(context).containsExactlyInAnyOrder(hudson.model.Run.class, hudson.model.TaskListener.class);
    }

    @Test
    void aDownloadOutsideANodeIsRefusedWithWhatToDo() {
        BuildstashReleaseStep step = new BuildstashReleaseStep();
        step.setDownload(true);

        Throwable refused = org.assertj.core.api.Assertions.catchThrowable(() -> ReleaseRunner.run(null, null,
                (hudson.model.TaskListener) () -> System.out, step.parameters()));

        assertThat(refused).isInstanceOf(hudson.AbortException.class)
                .hasMessage("buildstashRelease cannot download without a workspace: put the step inside a node block"
                        + " (or a stage with an agent), or set download: false to fetch only the release's details");
    }
}
