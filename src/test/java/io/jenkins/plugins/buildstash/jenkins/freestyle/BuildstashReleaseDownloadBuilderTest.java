package io.jenkins.plugins.buildstash.jenkins.freestyle;

import static org.assertj.core.api.Assertions.assertThat;

import hudson.EnvVars;
import io.jenkins.plugins.buildstash.jenkins.runner.ReleaseParameters;
import java.util.Map;
import org.jenkinsci.Symbol;
import org.junit.jupiter.api.Test;

class BuildstashReleaseDownloadBuilderTest {

    /** Jenkins' expansion, reduced to what the test needs: ${NAME} from a map. */
    private static EnvVars env(Map<String, String> values) {
        return new EnvVars() {
            @Override
            public String expand(String s) {
                if (s == null) {
                    return null;
                }
                String result = s;
                for (Map.Entry<String, String> e : values.entrySet()) {
                    result = result.replace("${" + e.getKey() + "}", e.getValue());
                }
                return result;
            }
        };
    }

    @Test
    void everyFieldIsExpandedAndTheStepAlwaysDownloads() {
        BuildstashReleaseDownloadBuilder builder = new BuildstashReleaseDownloadBuilder();
        builder.setCredentialsId("${KEY_ID}");
        builder.setApplicationId("${APP}");
        builder.setVersion("${RELEASE_VERSION}");
        builder.setTargetFolder("deploy/${RELEASE_VERSION}");
        builder.setDownloadPlatforms("${PLATFORM}");

        ReleaseParameters p = builder.parameters(env(Map.of("KEY_ID", "buildstash-key", "APP", "app1",
                "RELEASE_VERSION", "2.3.0", "PLATFORM", "android")));

        // The credentials plugin resolves ${KEY_ID} itself, with its permission checks of credentials parameters.
        assertThat(p.credentialsId()).isEqualTo("${KEY_ID}");
        assertThat(p.selection().applicationId()).isEqualTo("app1");
        assertThat(p.selection().version()).isEqualTo("2.3.0");
        assertThat(p.download()).isTrue();
        assertThat(p.targetFolder()).isEqualTo("deploy/2.3.0");
        assertThat(p.downloadPlatforms()).containsExactly("android");
    }

    @Test
    void aCredentialsVariableThatExpandsToNothingMeansTheGlobalDefault() {
        BuildstashReleaseDownloadBuilder builder = new BuildstashReleaseDownloadBuilder();
        builder.setCredentialsId("${KEY_ID}");

        assertThat(builder.parameters(env(Map.of("KEY_ID", " "))).credentialsId()).isNull();
        assertThat(builder.parameters(env(Map.of())).credentialsId()).isEqualTo("${KEY_ID}");
    }

    @Test
    void itsSymbolDiffersFromThePipelineStep() {
        assertThat(BuildstashReleaseDownloadBuilder.DescriptorImpl.class.getAnnotation(Symbol.class).value())
                .containsExactly("buildstashReleaseDownload");
    }
}
