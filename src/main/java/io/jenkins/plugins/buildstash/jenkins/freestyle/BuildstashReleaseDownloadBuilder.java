package io.jenkins.plugins.buildstash.jenkins.freestyle;

import edu.umd.cs.findbugs.annotations.NonNull;
import hudson.EnvVars;
import hudson.Extension;
import hudson.FilePath;
import hudson.Launcher;
import hudson.model.AbstractProject;
import hudson.model.Item;
import hudson.model.Run;
import hudson.model.TaskListener;
import hudson.tasks.BuildStepDescriptor;
import hudson.tasks.BuildStepMonitor;
import hudson.tasks.Builder;
import hudson.util.FormValidation;
import hudson.util.ListBoxModel;
import io.jenkins.plugins.buildstash.jenkins.config.FormChecks;
import io.jenkins.plugins.buildstash.jenkins.runner.ReleaseParameters;
import io.jenkins.plugins.buildstash.jenkins.runner.ReleaseRunner;
import io.jenkins.plugins.buildstash.release.ReleaseSelection;
import io.jenkins.plugins.buildstash.upload.TextInputs;
import java.io.IOException;
import jenkins.tasks.SimpleBuildStep;
import org.jenkinsci.Symbol;
import org.kohsuke.stapler.AncestorInPath;
import org.kohsuke.stapler.DataBoundConstructor;
import org.kohsuke.stapler.DataBoundSetter;
import org.kohsuke.stapler.QueryParameter;
import org.kohsuke.stapler.verb.POST;

/**
 * The Freestyle build step "Download a release from Buildstash": the download of {@code buildstashRelease}, with
 * {@code ${VAR}} expanded in every field. Later steps see {@code BUILDSTASH_RELEASE_ID},
 * {@code BUILDSTASH_RELEASE_VERSION} and {@code BUILDSTASH_RELEASE_FOLDER}.
 */
public final class BuildstashReleaseDownloadBuilder extends Builder implements SimpleBuildStep {

    private String credentialsId;
    private String applicationId;
    private String releaseId;
    private String version;
    private String labels;
    private String platforms;
    private String targetFolder;
    private String downloadPlatforms;

    /** Every option is optional: with none, the newest release of the key's only application is downloaded. */
    @DataBoundConstructor
    public BuildstashReleaseDownloadBuilder() {}

    public String getCredentialsId() {
        return credentialsId;
    }

    @DataBoundSetter
    public void setCredentialsId(String credentialsId) {
        this.credentialsId = TextInputs.blankToNull(credentialsId);
    }

    public String getApplicationId() {
        return applicationId;
    }

    @DataBoundSetter
    public void setApplicationId(String applicationId) {
        this.applicationId = TextInputs.blankToNull(applicationId);
    }

    public String getReleaseId() {
        return releaseId;
    }

    @DataBoundSetter
    public void setReleaseId(String releaseId) {
        this.releaseId = TextInputs.blankToNull(releaseId);
    }

    public String getVersion() {
        return version;
    }

    @DataBoundSetter
    public void setVersion(String version) {
        this.version = TextInputs.blankToNull(version);
    }

    public String getLabels() {
        return labels;
    }

    @DataBoundSetter
    public void setLabels(String labels) {
        this.labels = TextInputs.blankToNull(labels);
    }

    public String getPlatforms() {
        return platforms;
    }

    @DataBoundSetter
    public void setPlatforms(String platforms) {
        this.platforms = TextInputs.blankToNull(platforms);
    }

    public String getTargetFolder() {
        return targetFolder;
    }

    @DataBoundSetter
    public void setTargetFolder(String targetFolder) {
        this.targetFolder = TextInputs.blankToNull(targetFolder);
    }

    public String getDownloadPlatforms() {
        return downloadPlatforms;
    }

    @DataBoundSetter
    public void setDownloadPlatforms(String downloadPlatforms) {
        this.downloadPlatforms = TextInputs.blankToNull(downloadPlatforms);
    }


    /** Builds run in parallel with this step: it keeps no state between builds. */
    @Override
    public BuildStepMonitor getRequiredMonitorService() {
        return BuildStepMonitor.NONE;
    }

    @Override
    public void perform(@NonNull Run<?, ?> run, @NonNull FilePath workspace, @NonNull EnvVars env,
            @NonNull Launcher launcher, @NonNull TaskListener listener) throws InterruptedException, IOException {
        ReleaseRunner.run(run, workspace, listener, parameters(env));
    }

    /** The configuration with {@code ${VAR}} expanded from the build's environment; always a download. */
    ReleaseParameters parameters(EnvVars env) {
        ReleaseSelection selection = new ReleaseSelection(env.expand(applicationId), env.expand(releaseId),
                env.expand(version), TextInputs.list(env.expand(labels)), TextInputs.list(env.expand(platforms)));
        return new ReleaseParameters(CredentialsIds.asConfigured(credentialsId, env), selection, true, env.expand(targetFolder),
                TextInputs.list(env.expand(downloadPlatforms)));
    }

    @Extension
    @Symbol("buildstashReleaseDownload")
    public static final class DescriptorImpl extends BuildStepDescriptor<Builder> {

        @Override
        @SuppressWarnings("rawtypes")
        public boolean isApplicable(Class<? extends AbstractProject> jobType) {
            return true;
        }

        @NonNull
        @Override
        public String getDisplayName() {
            return "Download a release from Buildstash";
        }

        @POST
        public ListBoxModel doFillCredentialsIdItems(@AncestorInPath Item item, @QueryParameter String credentialsId) {
            return FormChecks.credentialItems(item, credentialsId);
        }

        @POST
        public FormValidation doCheckCredentialsId(@AncestorInPath Item item, @QueryParameter String value) {
            return FormChecks.credentials(item, value);
        }

        @POST
        public FormValidation doCheckReleaseId(@AncestorInPath Item item, @QueryParameter String value,
                @QueryParameter String version) {
            return FormChecks.releaseSelection(item, value, version);
        }

        @POST
        public FormValidation doCheckVersion(@AncestorInPath Item item, @QueryParameter String value,
                @QueryParameter String releaseId) {
            return FormChecks.releaseSelection(item, releaseId, value);
        }

        @POST
        public FormValidation doCheckPlatforms(@AncestorInPath Item item, @QueryParameter String value) {
            return FormChecks.platformList(item, value);
        }

        @POST
        public FormValidation doCheckTargetFolder(@AncestorInPath Item item, @QueryParameter String value) {
            return FormChecks.targetFolder(item, value);
        }

        @POST
        public FormValidation doCheckDownloadPlatforms(@AncestorInPath Item item, @QueryParameter String value) {
            return FormChecks.platformList(item, value);
        }

        /** {@code testedCredentialsId}: the credential selected in the form, drop-down or expression (config.jelly). */
        @POST
        public FormValidation doTestConnection(@AncestorInPath Item item,
                @QueryParameter("testedCredentialsId") String credentialsId, @QueryParameter String applicationId) {
            return FormChecks.testConnection(item, credentialsId, applicationId);
        }
    }
}
