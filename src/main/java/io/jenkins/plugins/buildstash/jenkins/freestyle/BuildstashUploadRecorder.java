package io.jenkins.plugins.buildstash.jenkins.freestyle;

import edu.umd.cs.findbugs.annotations.NonNull;
import hudson.AbortException;
import hudson.EnvVars;
import hudson.Extension;
import hudson.FilePath;
import hudson.Launcher;
import hudson.model.AbstractProject;
import hudson.model.Item;
import hudson.model.Result;
import hudson.model.Run;
import hudson.model.TaskListener;
import hudson.tasks.BuildStepDescriptor;
import hudson.tasks.BuildStepMonitor;
import hudson.tasks.Publisher;
import hudson.tasks.Recorder;
import hudson.util.FormValidation;
import hudson.util.ListBoxModel;
import io.jenkins.plugins.buildstash.jenkins.config.FormChecks;
import io.jenkins.plugins.buildstash.jenkins.runner.Stopped;
import io.jenkins.plugins.buildstash.jenkins.runner.UploadParameters;
import io.jenkins.plugins.buildstash.jenkins.runner.UploadRunner;
import io.jenkins.plugins.buildstash.upload.CiInfo;
import io.jenkins.plugins.buildstash.upload.InvalidUploadException;
import io.jenkins.plugins.buildstash.upload.TextInputs;
import io.jenkins.plugins.buildstash.upload.UploadOptions;
import io.jenkins.plugins.buildstash.upload.VcsInfo;
import io.jenkins.plugins.buildstash.upload.UploadValidator;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import jenkins.tasks.SimpleBuildStep;
import org.jenkinsci.Symbol;
import org.kohsuke.stapler.AncestorInPath;
import org.kohsuke.stapler.DataBoundConstructor;
import org.kohsuke.stapler.DataBoundSetter;
import org.kohsuke.stapler.QueryParameter;
import org.kohsuke.stapler.verb.POST;

/**
 * The Freestyle post-build action "Upload to Buildstash": the options of {@code buildstashUpload}, with {@code ${VAR}}
 * expanded in every text field, an "only if the build succeeded" switch, and the result exported to later steps as
 * {@code BUILDSTASH_BUILD_ID}, {@code BUILDSTASH_BUILD_URL}, {@code BUILDSTASH_DOWNLOAD_URL} and
 * {@code BUILDSTASH_PENDING_PROCESSING}. The version components are text here so that they can hold variables.
 */
public final class BuildstashUploadRecorder extends Recorder implements SimpleBuildStep {

    private final String file;
    private String credentialsId;
    private String applicationId;
    private String expansionFile;
    private String metadataArtifacts;
    private String platform;
    private String stream;
    private String versionMajor;
    private String versionMinor;
    private String versionPatch;
    private String versionExtra;
    private String versionMeta;
    private String customBuildNumber;
    private String labels;
    private String architectures;
    private String notes;
    private String customTarget;
    private Integer partConcurrency;
    private boolean detectMetadata = true;
    private String ciPipeline;
    private String ciRunId;
    private String ciRunUrl;
    private String ciBuildDuration;
    private String vcsHostType;
    private String vcsHost;
    private String vcsRepoName;
    private String vcsRepoUrl;
    private String vcsBranch;
    private String vcsCommitSha;
    private String vcsCommitUrl;
    private boolean onlyIfSuccessful = true;

    /** @param file an Ant-style pattern that must match exactly one file in the workspace */
    @DataBoundConstructor
    public BuildstashUploadRecorder(String file) {
        this.file = file;
    }

    public String getFile() {
        return file;
    }

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

    public String getExpansionFile() {
        return expansionFile;
    }

    @DataBoundSetter
    public void setExpansionFile(String expansionFile) {
        this.expansionFile = TextInputs.blankToNull(expansionFile);
    }

    public String getMetadataArtifacts() {
        return metadataArtifacts;
    }

    @DataBoundSetter
    public void setMetadataArtifacts(String metadataArtifacts) {
        this.metadataArtifacts = TextInputs.blankToNull(metadataArtifacts);
    }

    public String getPlatform() {
        return platform;
    }

    @DataBoundSetter
    public void setPlatform(String platform) {
        this.platform = TextInputs.blankToNull(platform);
    }

    public String getStream() {
        return stream;
    }

    @DataBoundSetter
    public void setStream(String stream) {
        this.stream = TextInputs.blankToNull(stream);
    }

    public String getVersionMajor() {
        return versionMajor;
    }

    @DataBoundSetter
    public void setVersionMajor(String versionMajor) {
        this.versionMajor = TextInputs.blankToNull(versionMajor);
    }

    public String getVersionMinor() {
        return versionMinor;
    }

    @DataBoundSetter
    public void setVersionMinor(String versionMinor) {
        this.versionMinor = TextInputs.blankToNull(versionMinor);
    }

    public String getVersionPatch() {
        return versionPatch;
    }

    @DataBoundSetter
    public void setVersionPatch(String versionPatch) {
        this.versionPatch = TextInputs.blankToNull(versionPatch);
    }

    public String getVersionExtra() {
        return versionExtra;
    }

    @DataBoundSetter
    public void setVersionExtra(String versionExtra) {
        this.versionExtra = TextInputs.blankToNull(versionExtra);
    }

    public String getVersionMeta() {
        return versionMeta;
    }

    @DataBoundSetter
    public void setVersionMeta(String versionMeta) {
        this.versionMeta = TextInputs.blankToNull(versionMeta);
    }

    public String getCustomBuildNumber() {
        return customBuildNumber;
    }

    @DataBoundSetter
    public void setCustomBuildNumber(String customBuildNumber) {
        this.customBuildNumber = TextInputs.blankToNull(customBuildNumber);
    }

    public String getLabels() {
        return labels;
    }

    @DataBoundSetter
    public void setLabels(String labels) {
        this.labels = TextInputs.blankToNull(labels);
    }

    public String getArchitectures() {
        return architectures;
    }

    @DataBoundSetter
    public void setArchitectures(String architectures) {
        this.architectures = TextInputs.blankToNull(architectures);
    }

    public String getNotes() {
        return notes;
    }

    @DataBoundSetter
    public void setNotes(String notes) {
        this.notes = notes == null || notes.isBlank() ? null : notes;
    }

    public String getCustomTarget() {
        return customTarget;
    }

    @DataBoundSetter
    public void setCustomTarget(String customTarget) {
        this.customTarget = TextInputs.blankToNull(customTarget);
    }

    public Integer getPartConcurrency() {
        return partConcurrency;
    }

    @DataBoundSetter
    public void setPartConcurrency(Integer partConcurrency) {
        this.partConcurrency = partConcurrency;
    }

    public boolean isDetectMetadata() {
        return detectMetadata;
    }

    @DataBoundSetter
    public void setDetectMetadata(boolean detectMetadata) {
        this.detectMetadata = detectMetadata;
    }

    public String getCiPipeline() {
        return ciPipeline;
    }

    @DataBoundSetter
    public void setCiPipeline(String ciPipeline) {
        this.ciPipeline = TextInputs.blankToNull(ciPipeline);
    }

    public String getCiRunId() {
        return ciRunId;
    }

    @DataBoundSetter
    public void setCiRunId(String ciRunId) {
        this.ciRunId = TextInputs.blankToNull(ciRunId);
    }

    public String getCiRunUrl() {
        return ciRunUrl;
    }

    @DataBoundSetter
    public void setCiRunUrl(String ciRunUrl) {
        this.ciRunUrl = TextInputs.blankToNull(ciRunUrl);
    }

    public String getCiBuildDuration() {
        return ciBuildDuration;
    }

    @DataBoundSetter
    public void setCiBuildDuration(String ciBuildDuration) {
        this.ciBuildDuration = TextInputs.blankToNull(ciBuildDuration);
    }

    public String getVcsHostType() {
        return vcsHostType;
    }

    @DataBoundSetter
    public void setVcsHostType(String vcsHostType) {
        this.vcsHostType = TextInputs.blankToNull(vcsHostType);
    }

    public String getVcsHost() {
        return vcsHost;
    }

    @DataBoundSetter
    public void setVcsHost(String vcsHost) {
        this.vcsHost = TextInputs.blankToNull(vcsHost);
    }

    public String getVcsRepoName() {
        return vcsRepoName;
    }

    @DataBoundSetter
    public void setVcsRepoName(String vcsRepoName) {
        this.vcsRepoName = TextInputs.blankToNull(vcsRepoName);
    }

    public String getVcsRepoUrl() {
        return vcsRepoUrl;
    }

    @DataBoundSetter
    public void setVcsRepoUrl(String vcsRepoUrl) {
        this.vcsRepoUrl = TextInputs.blankToNull(vcsRepoUrl);
    }

    public String getVcsBranch() {
        return vcsBranch;
    }

    @DataBoundSetter
    public void setVcsBranch(String vcsBranch) {
        this.vcsBranch = TextInputs.blankToNull(vcsBranch);
    }

    public String getVcsCommitSha() {
        return vcsCommitSha;
    }

    @DataBoundSetter
    public void setVcsCommitSha(String vcsCommitSha) {
        this.vcsCommitSha = TextInputs.blankToNull(vcsCommitSha);
    }

    public String getVcsCommitUrl() {
        return vcsCommitUrl;
    }

    @DataBoundSetter
    public void setVcsCommitUrl(String vcsCommitUrl) {
        this.vcsCommitUrl = TextInputs.blankToNull(vcsCommitUrl);
    }

    public boolean isOnlyIfSuccessful() {
        return onlyIfSuccessful;
    }

    @DataBoundSetter
    public void setOnlyIfSuccessful(boolean onlyIfSuccessful) {
        this.onlyIfSuccessful = onlyIfSuccessful;
    }


    /** Builds run in parallel with this step: it keeps no state between builds. */
    @Override
    public BuildStepMonitor getRequiredMonitorService() {
        return BuildStepMonitor.NONE;
    }

    @Override
    public void perform(@NonNull Run<?, ?> run, @NonNull FilePath workspace, @NonNull EnvVars env,
            @NonNull Launcher launcher, @NonNull TaskListener listener) throws InterruptedException, IOException {
        Result result = run.getResult();
        if (onlyIfSuccessful && result != null && result.isWorseThan(Result.SUCCESS)) {
            listener.getLogger().println("Buildstash: not uploading, the build is " + result
                    + " and the upload is set to run only for successful builds");
            return;
        }
        UploadParameters parameters;
        try {
            parameters = parameters(env);
        } catch (InvalidUploadException e) {
            throw new AbortException(e.getMessage());
        }
        try {
            UploadRunner.run(run, workspace, env, listener, parameters);
        } catch (InterruptedException e) {
            throw FreestyleAbort.of(run, listener, Stopped.message(e, "the Buildstash upload"));
        }
    }

    /**
     * The configuration with {@code ${VAR}} expanded from the build's environment.
     *
     * @throws InvalidUploadException when a version component is not a whole number, listing every other problem of
     *     the options too, so that one run shows them all
     */
    UploadParameters parameters(EnvVars env) throws InvalidUploadException {
        List<String> unreadable = new ArrayList<>();
        Integer major = wholeNumber("versionMajor", env.expand(versionMajor), unreadable);
        Integer minor = wholeNumber("versionMinor", env.expand(versionMinor), unreadable);
        Integer patch = wholeNumber("versionPatch", env.expand(versionPatch), unreadable);
        UploadOptions.Builder options = UploadOptions.builder()
                .applicationId(env.expand(applicationId))
                .platform(env.expand(platform))
                .stream(env.expand(stream))
                .versionExtra(env.expand(versionExtra))
                .versionMeta(env.expand(versionMeta))
                .customBuildNumber(env.expand(customBuildNumber))
                .labels(TextInputs.entries("labels", env.expand(labels)))
                .architectures(TextInputs.entries("architectures", env.expand(architectures)))
                .notes(env.expand(notes))
                .customTarget(env.expand(customTarget))
                .ci(new CiInfo(env.expand(ciPipeline), env.expand(ciRunId), env.expand(ciRunUrl), env.expand(ciBuildDuration)))
                .vcs(new VcsInfo(env.expand(vcsHostType), env.expand(vcsHost), env.expand(vcsRepoName),
                        env.expand(vcsRepoUrl), env.expand(vcsBranch), env.expand(vcsCommitSha), env.expand(vcsCommitUrl)));
        if (!unreadable.isEmpty()) {
            // The other options are checked as if the unreadable components were 1, which no rule refuses.
            List<String> problems = new ArrayList<>(unreadable);
            problems.addAll(UploadValidator.options(options.version(
                    major == null ? 1 : major, minor == null ? 1 : minor, patch == null ? 1 : patch).build()));
            throw new InvalidUploadException(problems);
        }
        return new UploadParameters(CredentialsIds.asConfigured(credentialsId, env), env.expand(file), env.expand(expansionFile),
                env.expand(metadataArtifacts), options.version(major, minor, patch).build(), partConcurrency,
                detectMetadata);
    }

    /** The component as a number; null when blank or unreadable, the problem then added to {@code problems}. */
    private static Integer wholeNumber(String option, String text, List<String> problems) {
        try {
            return TextInputs.wholeNumber(option, text);
        } catch (InvalidUploadException e) {
            problems.addAll(e.problems());
            return null;
        }
    }

    @Extension
    @Symbol("buildstashUploadPublisher")
    public static final class DescriptorImpl extends BuildStepDescriptor<Publisher> {

        @Override
        @SuppressWarnings("rawtypes")
        public boolean isApplicable(Class<? extends AbstractProject> jobType) {
            return true;
        }

        @NonNull
        @Override
        public String getDisplayName() {
            return "Upload to Buildstash";
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
        public FormValidation doCheckFile(@AncestorInPath Item item, @QueryParameter String value) {
            return FormChecks.filePattern(item, value, "file", true);
        }

        @POST
        public FormValidation doCheckExpansionFile(@AncestorInPath Item item, @QueryParameter String value) {
            return FormChecks.filePattern(item, value, "expansionFile", false);
        }

        @POST
        public FormValidation doCheckMetadataArtifacts(@AncestorInPath Item item, @QueryParameter String value) {
            return FormChecks.filePattern(item, value, "metadataArtifacts", false);
        }

        @POST
        public FormValidation doCheckPlatform(@AncestorInPath Item item, @QueryParameter String value) {
            return FormChecks.platform(item, value);
        }

        @POST
        public FormValidation doCheckStream(@AncestorInPath Item item, @QueryParameter String value) {
            return FormChecks.stream(item, value);
        }

        @POST
        public FormValidation doCheckVersionMajor(@AncestorInPath Item item, @QueryParameter String value) {
            return FormChecks.versionComponent(item, value);
        }

        @POST
        public FormValidation doCheckVersionMinor(@AncestorInPath Item item, @QueryParameter String value) {
            return FormChecks.versionComponent(item, value);
        }

        @POST
        public FormValidation doCheckVersionPatch(@AncestorInPath Item item, @QueryParameter String value) {
            return FormChecks.versionComponent(item, value);
        }

        @POST
        public FormValidation doCheckLabels(@AncestorInPath Item item, @QueryParameter String value) {
            return FormChecks.labels(item, value);
        }

        @POST
        public FormValidation doCheckArchitectures(@AncestorInPath Item item, @QueryParameter String value) {
            return FormChecks.architectures(item, value);
        }

        @POST
        public FormValidation doCheckNotes(@AncestorInPath Item item, @QueryParameter String value) {
            return FormChecks.notes(item, value);
        }

        /** {@code testedCredentialsId}: the credential selected in the form, drop-down or expression (config.jelly). */
        @POST
        public FormValidation doTestConnection(@AncestorInPath Item item,
                @QueryParameter("testedCredentialsId") String credentialsId, @QueryParameter String applicationId) {
            return FormChecks.testConnection(item, credentialsId, applicationId);
        }
    }
}
