package io.jenkins.plugins.buildstash.it;

import static org.assertj.core.api.Assertions.assertThat;

import com.cloudbees.hudson.plugins.folder.Folder;
import com.cloudbees.plugins.credentials.CredentialsParameterDefinition;
import com.cloudbees.plugins.credentials.CredentialsParameterValue;
import com.cloudbees.plugins.credentials.CredentialsProvider;
import com.cloudbees.plugins.credentials.CredentialsScope;
import com.cloudbees.plugins.credentials.impl.UsernamePasswordCredentialsImpl;
import hudson.model.FreeStyleBuild;
import hudson.model.FreeStyleProject;
import hudson.model.Fingerprint;
import hudson.model.ParametersAction;
import hudson.model.ParametersDefinitionProperty;
import hudson.model.Result;
import hudson.security.ACL;
import io.jenkins.plugins.buildstash.jenkins.config.BuildstashGlobalConfiguration;
import io.jenkins.plugins.buildstash.jenkins.freestyle.BuildstashUploadRecorder;
import org.jenkinsci.plugins.plaincredentials.StringCredentials;
import org.jenkinsci.plugins.plaincredentials.impl.StringCredentialsImpl;
import org.jenkinsci.plugins.workflow.cps.CpsFlowDefinition;
import org.jenkinsci.plugins.workflow.job.WorkflowJob;
import org.jenkinsci.plugins.workflow.job.WorkflowRun;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.jvnet.hudson.test.JenkinsRule;
import org.jvnet.hudson.test.junit.jupiter.WithJenkins;

/**
 * Where the API key comes from: global and folder credentials, a credentials parameter, the global default; and what a
 * build says when the id names nothing, or names a credential of another type.
 */
@WithJenkins
class CredentialsTest {

    private JenkinsRule r;
    private Harness h;
    /** A key for the seeded workspace's second application, so that where a build lands tells which key sent it. */
    private String companionKey;

    @BeforeEach
    void setUp(JenkinsRule rule) throws Exception {
        this.r = rule;
        this.h = Harness.start(r);
        this.companionKey = h.secret(h.emulator.addApplicationKey(h.seed.otherApplicationId(),
                "builds:create", "builds:read", "releases:read"));
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
    void aGlobalCredentialIsUsedAndItsUseIsTrackedOnTheJob() throws Exception {
        WorkflowJob job = upload("global", "credentialsId: 'buildstash-app-key', ");
        h.putFile(job, "out/SpaceGame.ipa", 3_000, 30);

        WorkflowRun run = r.buildAndAssertSuccess(job);

        assertThat(h.stored(Harness.logValue(run, "ID")).applicationId()).isEqualTo(h.seed.applicationId());
        StringCredentials used = CredentialsProvider.lookupCredentialsInItemGroup(StringCredentials.class, r.jenkins,
                        ACL.SYSTEM2).stream()
                .filter(c -> c.getId().equals(Harness.APP_KEY_ID))
                .findFirst()
                .orElseThrow();
        Fingerprint fingerprint = CredentialsProvider.getFingerprintOf(used);
        assertThat(fingerprint).isNotNull();
        assertThat(fingerprint.getJobs()).contains("global");
    }

    @Test
    void aFolderCredentialServesTheJobsInItsFolderAndNoOthers() throws Exception {
        Folder team = r.jenkins.createProject(Folder.class, "team");
        h.addSecretText(team, "team-key", companionKey);
        WorkflowJob inside = team.createProject(WorkflowJob.class, "inside");
        inside.setDefinition(new CpsFlowDefinition(uploadScript("credentialsId: 'team-key', "), true));
        WorkflowJob outside = upload("outside", "credentialsId: 'team-key', ");
        h.putFile(inside, "out/SpaceGame.ipa", 3_000, 31);
        h.putFile(outside, "out/SpaceGame.ipa", 3_000, 31);

        WorkflowRun allowed = r.buildAndAssertSuccess(inside);
        WorkflowRun refused = r.buildAndAssertStatus(Result.FAILURE, outside);

        assertThat(h.stored(Harness.logValue(allowed, "ID")).applicationId()).isEqualTo(h.seed.otherApplicationId());
        r.assertLogContains("No credentials with id 'team-key' are visible to outside", refused);
        r.assertLogNotContains("\tat ", refused);
        assertThat(h.emulator.storedBuilds()).hasSize(1);
    }

    @Test
    void aCredentialsParameterChoosesTheKeyOfAFreestyleUpload() throws Exception {
        h.addSecretText(r.jenkins, "companion-key", companionKey);
        FreeStyleProject job = r.createFreeStyleProject("chosen-by-parameter");
        job.setAssignedLabel(hudson.model.Label.get(Harness.LABEL));
        job.addProperty(new ParametersDefinitionProperty(new CredentialsParameterDefinition("BUILDSTASH_KEY",
                "The Buildstash key", Harness.APP_KEY_ID, StringCredentialsImpl.class.getName(), true)));
        BuildstashUploadRecorder upload = new BuildstashUploadRecorder("out/SpaceGame.ipa");
        upload.setCredentialsId("${BUILDSTASH_KEY}");
        upload.setPlatform("ios");
        upload.setStream("production");
        upload.setVersionMajor("1");
        upload.setVersionMinor("0");
        upload.setVersionPatch("${BUILD_NUMBER}");
        job.getPublishersList().add(upload);
        h.putFile(job, "out/SpaceGame.ipa", 3_000, 32);

        FreeStyleBuild byDefault = r.buildAndAssertSuccess(job);
        FreeStyleBuild chosen = r.assertBuildStatusSuccess(job.scheduleBuild2(0,
                new ParametersAction(new CredentialsParameterValue("BUILDSTASH_KEY", "companion-key", null))));

        assertThat(h.stored(latestBuildId(byDefault)).applicationId()).isEqualTo(h.seed.applicationId());
        assertThat(h.stored(latestBuildId(chosen)).applicationId()).isEqualTo(h.seed.otherApplicationId());
    }

    @Test
    void aCredentialsParameterChoosesTheKeyOfAPipelineUploadByReference() throws Exception {
        h.addSecretText(r.jenkins, "companion-key", companionKey);
        // '${BUILDSTASH_KEY}' in single quotes reaches the plugin as written, and the credentials plugin resolves it.
        WorkflowJob job = upload("pipeline-parameter", "credentialsId: '${BUILDSTASH_KEY}', ");
        job.addProperty(new ParametersDefinitionProperty(new CredentialsParameterDefinition("BUILDSTASH_KEY",
                "The Buildstash key", Harness.APP_KEY_ID, StringCredentialsImpl.class.getName(), true)));
        h.putFile(job, "out/SpaceGame.ipa", 3_000, 33);

        WorkflowRun run = r.assertBuildStatusSuccess(job.scheduleBuild2(0,
                new ParametersAction(new CredentialsParameterValue("BUILDSTASH_KEY", "companion-key", null))));

        assertThat(h.stored(Harness.logValue(run, "ID")).applicationId()).isEqualTo(h.seed.otherApplicationId());
    }

    @Test
    void aCredentialOfAnotherTypeIsRefusedNamingItsType() throws Exception {
        h.secret("hunter2-hunter2");
        h.add(r.jenkins, new UsernamePasswordCredentialsImpl(CredentialsScope.GLOBAL, "user-and-password",
                "not an API key", "ci", "hunter2-hunter2"));
        WorkflowJob job = upload("wrong-type", "credentialsId: 'user-and-password', ");
        h.putFile(job, "out/SpaceGame.ipa", 3_000, 34);

        WorkflowRun run = r.buildAndAssertStatus(Result.FAILURE, job);

        r.assertLogContains("The credentials 'user-and-password' are of type UsernamePasswordCredentialsImpl", run);
        r.assertLogContains("must be a \"Secret text\" credential", run);
        r.assertLogNotContains("hunter2", run);
        r.assertLogNotContains("\tat ", run);
        assertThat(h.emulator.requestLog()).isEmpty();
    }

    @Test
    void aMissingCredentialIsRefusedNamingTheJob() throws Exception {
        WorkflowJob job = upload("missing-key", "credentialsId: 'no-such-key', ");
        h.putFile(job, "out/SpaceGame.ipa", 3_000, 35);

        WorkflowRun run = r.buildAndAssertStatus(Result.FAILURE, job);

        r.assertLogContains("No credentials with id 'no-such-key' are visible to missing-key", run);
        r.assertLogNotContains("\tat ", run);
        assertThat(h.emulator.requestLog()).isEmpty();
    }

    @Test
    void theGlobalDefaultIsUsedWhenTheStepNamesNoCredentialAndAnIdInTheStepWins() throws Exception {
        h.addSecretText(r.jenkins, "companion-key", companionKey);
        BuildstashGlobalConfiguration.get().setCredentialsId("companion-key");
        WorkflowJob byDefault = upload("by-default", "");
        WorkflowJob named = upload("named", "credentialsId: 'buildstash-app-key', ");
        h.putFile(byDefault, "out/SpaceGame.ipa", 3_000, 36);
        h.putFile(named, "out/SpaceGame.ipa", 3_000, 36);

        WorkflowRun first = r.buildAndAssertSuccess(byDefault);
        WorkflowRun second = r.buildAndAssertSuccess(named);

        assertThat(h.stored(Harness.logValue(first, "ID")).applicationId()).isEqualTo(h.seed.otherApplicationId());
        assertThat(h.stored(Harness.logValue(second, "ID")).applicationId()).isEqualTo(h.seed.applicationId());
    }

    @Test
    void withoutACredentialOrADefaultTheBuildSaysWhatToSet() throws Exception {
        BuildstashGlobalConfiguration.get().setCredentialsId(null);
        WorkflowJob job = upload("no-credentials", "");
        h.putFile(job, "out/SpaceGame.ipa", 3_000, 37);

        WorkflowRun run = r.buildAndAssertStatus(Result.FAILURE, job);

        r.assertLogContains("No Buildstash credentials: set credentialsId", run);
        r.assertLogContains("Manage Jenkins › System › Buildstash", run);
        assertThat(h.emulator.requestLog()).isEmpty();
    }

    /** A Pipeline uploading out/SpaceGame.ipa (iOS, production), with these credential arguments. */
    private WorkflowJob upload(String name, String credentials) throws Exception {
        return h.pipeline(name, uploadScript(credentials));
    }

    private static String uploadScript(String credentials) {
        return "node('remote') {\n    def r = buildstashUpload file: 'out/SpaceGame.ipa', " + credentials
                + "platform: 'ios', stream: 'production', versionMajor: 1, versionMinor: 0, versionPatch: 0\n"
                + "    echo \"ID=${r.buildId}\"\n}\n";
    }

    private static String latestBuildId(FreeStyleBuild run) {
        return run.getAction(io.jenkins.plugins.buildstash.jenkins.actions.BuildstashRunAction.class).getLatest()
                .getBuildId();
    }
}
