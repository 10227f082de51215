package io.jenkins.plugins.buildstash.it;

import static org.assertj.core.api.Assertions.assertThat;

import io.jenkins.plugins.buildstash.api.ApiBaseUrl;
import io.jenkins.plugins.buildstash.jenkins.config.BuildstashGlobalConfiguration;
import io.jenkins.plugins.casc.ConfigurationAsCode;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.jenkinsci.plugins.workflow.job.WorkflowJob;
import org.jenkinsci.plugins.workflow.job.WorkflowRun;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.jvnet.hudson.test.JenkinsRule;
import org.jvnet.hudson.test.junit.jupiter.WithJenkins;
import org.yaml.snakeyaml.Yaml;

/** Configuration as code: {@code unclassified: buildstashUploader:} exported, and imported with every field set. */
@WithJenkins
class ConfigurationAsCodeTest {

    private static final String KEY_VARIABLE = "BUILDSTASH_IT_KEY";

    private JenkinsRule r;
    private Harness h;
    @TempDir
    Path dir;

    @BeforeEach
    void setUp(JenkinsRule rule) throws Exception {
        this.r = rule;
        this.h = Harness.start(r);
    }

    @AfterEach
    void noSecretLeft() throws Exception {
        System.clearProperty(KEY_VARIABLE);
        try {
            h.assertNoSecretLeft();
        } finally {
            h.close();
        }
    }

    @Test
    void theExportHoldsEveryFieldUnderTheSymbolAndNoKey() throws Exception {
        configureEveryField();

        String exported = export();
        Map<String, Object> section = section(exported);

        assertThat(section).containsEntry("baseUrl", h.emulator.apiBaseUrl())
                .containsEntry("credentialsId", Harness.APP_KEY_ID)
                .containsEntry("partConcurrency", 4)
                .containsEntry("retryAttempts", 3)
                .containsEntry("connectTimeoutSeconds", 7)
                .containsEntry("requestTimeoutSeconds", 45)
                .containsEntry("stallTimeoutSeconds", 90)
                .containsEntry("controllerProxyOnAgents", true)
                .hasSize(8);
        assertThat(exported).doesNotContain(h.seed.applicationKey()).doesNotContain(h.seed.workspaceKey());
    }

    @Test
    void anImportSetsEveryFieldAndTheNextBuildUsesThem() throws Exception {
        BuildstashGlobalConfiguration config = BuildstashGlobalConfiguration.get();
        config.setBaseUrl(null);
        String key = h.secret(h.emulator.addApplicationKey(h.seed.applicationId(), "builds:create", "builds:read"));
        System.setProperty(KEY_VARIABLE, key);
        Path yaml = dir.resolve("jenkins.yaml");
        Files.writeString(yaml, """
                credentials:
                  system:
                    domainCredentials:
                      - credentials:
                          - string:
                              scope: GLOBAL
                              id: casc-key
                              description: Buildstash key from configuration as code
                              secret: "${%s}"
                unclassified:
                  buildstashUploader:
                    baseUrl: "%s"
                    credentialsId: casc-key
                    partConcurrency: 3
                    retryAttempts: 2
                    connectTimeoutSeconds: 5
                    requestTimeoutSeconds: 30
                    stallTimeoutSeconds: 60
                    controllerProxyOnAgents: true
                """.formatted(KEY_VARIABLE, h.emulator.apiBaseUrl()));

        ConfigurationAsCode.get().configure(yaml.toString());

        assertThat(config.getBaseUrl()).isEqualTo(h.emulator.apiBaseUrl());
        assertThat(config.getCredentialsId()).isEqualTo("casc-key");
        assertThat(config.getPartConcurrency()).isEqualTo(3);
        assertThat(config.getRetryAttempts()).isEqualTo(2);
        assertThat(config.getConnectTimeoutSeconds()).isEqualTo(5);
        assertThat(config.getRequestTimeoutSeconds()).isEqualTo(30);
        assertThat(config.getStallTimeoutSeconds()).isEqualTo(60);
        assertThat(config.isControllerProxyOnAgents()).isTrue();
        // The default credentials and base URL from the YAML carry a real upload from an agent.
        WorkflowJob job = h.pipeline("configured-as-code", "node('remote') {\n def r = buildstashUpload "
                + "file: 'out/a.zip', platform: 'windows', stream: 'beta', versionMajor: 1, versionMinor: 0, "
                + "versionPatch: 0\n echo \"ID=${r.buildId}\"\n}\n");
        String sha = h.putFile(job, "out/a.zip", 20_000, 50);
        WorkflowRun run = r.buildAndAssertSuccess(job);
        assertThat(h.stored(Harness.logValue(run, "ID")).primary().sha256()).isEqualTo(sha);
    }

    @Test
    void theExportedSectionImportsBackToTheSameConfiguration() throws Exception {
        configureEveryField();
        Map<String, Object> exported = section(export());
        BuildstashGlobalConfiguration config = BuildstashGlobalConfiguration.get();
        config.setBaseUrl(null);
        config.setCredentialsId(null);
        config.setPartConcurrency(8);
        config.setRetryAttempts(null);
        config.setConnectTimeoutSeconds(10);
        config.setRequestTimeoutSeconds(60);
        config.setStallTimeoutSeconds(120);
        config.setControllerProxyOnAgents(false);
        assertThat(config.getBaseUrl()).isEqualTo(ApiBaseUrl.DEFAULT);
        Path yaml = dir.resolve("buildstash.yaml");
        Files.writeString(yaml, new Yaml().dump(Map.of("unclassified", Map.of("buildstashUploader", exported))));

        ConfigurationAsCode.get().configure(yaml.toString());

        assertThat(section(export())).isEqualTo(exported);
        assertThat(config.getBaseUrl()).isEqualTo(h.emulator.apiBaseUrl());
        assertThat(config.getRetryAttempts()).isEqualTo(3);
    }

    private static void configureEveryField() {
        BuildstashGlobalConfiguration config = BuildstashGlobalConfiguration.get();
        config.setCredentialsId(Harness.APP_KEY_ID);
        config.setPartConcurrency(4);
        config.setRetryAttempts(3);
        config.setConnectTimeoutSeconds(7);
        config.setRequestTimeoutSeconds(45);
        config.setStallTimeoutSeconds(90);
        config.setControllerProxyOnAgents(true);
    }

    /** The whole configuration as "Download configuration" gives it. */
    private static String export() throws Exception {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ConfigurationAsCode.get().export(out);
        return out.toString(StandardCharsets.UTF_8);
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> section(String yaml) {
        Map<String, Object> root = new Yaml().load(yaml);
        Map<String, Object> unclassified = (Map<String, Object>) root.get("unclassified");
        assertThat(unclassified).as("unclassified section of\n%s", yaml).containsKey("buildstashUploader");
        return (Map<String, Object>) unclassified.get("buildstashUploader");
    }
}
