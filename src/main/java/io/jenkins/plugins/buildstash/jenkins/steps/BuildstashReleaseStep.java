package io.jenkins.plugins.buildstash.jenkins.steps;

import edu.umd.cs.findbugs.annotations.NonNull;
import hudson.AbortException;
import hudson.Extension;
import hudson.FilePath;
import hudson.model.Item;
import hudson.model.Run;
import hudson.model.TaskListener;
import hudson.util.FormValidation;
import hudson.util.ListBoxModel;
import io.jenkins.plugins.buildstash.jenkins.config.FormChecks;
import io.jenkins.plugins.buildstash.jenkins.runner.ReleaseParameters;
import io.jenkins.plugins.buildstash.jenkins.runner.ReleaseRunner;
import io.jenkins.plugins.buildstash.jenkins.runner.Stopped;
import io.jenkins.plugins.buildstash.release.ReleaseSelection;
import io.jenkins.plugins.buildstash.upload.TextInputs;
import java.util.Map;
import java.util.Set;
import org.jenkinsci.Symbol;
import org.jenkinsci.plugins.workflow.steps.Step;
import org.jenkinsci.plugins.workflow.steps.StepContext;
import org.jenkinsci.plugins.workflow.steps.StepDescriptor;
import org.jenkinsci.plugins.workflow.steps.StepExecution;
import org.jenkinsci.plugins.workflow.steps.SynchronousNonBlockingStepExecution;
import org.kohsuke.stapler.AncestorInPath;
import org.kohsuke.stapler.DataBoundConstructor;
import org.kohsuke.stapler.DataBoundSetter;
import org.kohsuke.stapler.QueryParameter;
import org.kohsuke.stapler.verb.POST;

/**
 * {@code buildstashRelease}: fetches a release (by id, by version, or the newest matching labels and platforms) with
 * its builds, optionally downloads their files into the workspace, and returns a map describing both. Holds the
 * credentials id only; the key is read when the step runs and never stored.
 */
public final class BuildstashReleaseStep extends Step {

    private String credentialsId;
    private String applicationId;
    private String releaseId;
    private String version;
    private String labels;
    private String platforms;
    private boolean download;
    private String targetFolder;
    private String downloadPlatforms;

    /** Every option is optional: with none, the step fetches the newest release of the key's only application. */
    @DataBoundConstructor
    public BuildstashReleaseStep() {}

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

    public boolean isDownload() {
        return download;
    }

    @DataBoundSetter
    public void setDownload(boolean download) {
        this.download = download;
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

    /** Everything configured, as plain values. */
    ReleaseParameters parameters() {
        ReleaseSelection selection = new ReleaseSelection(applicationId, releaseId, version, TextInputs.list(labels),
                TextInputs.list(platforms));
        return new ReleaseParameters(credentialsId, selection, download, targetFolder,
                TextInputs.list(downloadPlatforms));
    }


    @Override
    public StepExecution start(StepContext context) {
        return new Execution(context, this);
    }

    /** Runs on a background thread; aborting the build interrupts it, which stops a download at once. */
    private static final class Execution extends SynchronousNonBlockingStepExecution<Map<String, Object>> {
        private static final long serialVersionUID = 1L;

        // Not serialised into program.dat: the step is configuration the run can rebuild, and holds no secret anyway.
        private final transient BuildstashReleaseStep step;

        Execution(StepContext context, BuildstashReleaseStep step) {
            super(context);
            this.step = step;
        }

        @Override
        protected Map<String, Object> run() throws Exception {
            StepContext c = getContext();
            // FilePath is null outside a node block: enough to fetch a release's details, and refused for a download.
            try {
                return ReleaseRunner.run(c.get(Run.class), c.get(FilePath.class), c.get(TaskListener.class),
                                step.parameters())
                        .asMap();
            } catch (InterruptedException e) {
                // As in buildstashUpload: the step already ended ABORTED; this is the one line reported beside it.
                Thread.currentThread().interrupt();
                throw new AbortException(Stopped.message(e, "fetching the Buildstash release"));
            }
        }
    }

    @Extension
    @Symbol("buildstashRelease")
    public static final class DescriptorImpl extends StepDescriptor {

        @Override
        public String getFunctionName() {
            return "buildstashRelease";
        }

        @NonNull
        @Override
        public String getDisplayName() {
            return "Fetch a release from Buildstash";
        }

        /**
         * No FilePath: fetching a release's details needs no node, and only a download does (the run says so when a
         * download has no workspace).
         */
        @Override
        public Set<? extends Class<?>> getRequiredContext() {
            return Set.of(Run.class, TaskListener.class);
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
