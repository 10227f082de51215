package io.jenkins.plugins.buildstash.jenkins.steps;

import edu.umd.cs.findbugs.annotations.NonNull;
import hudson.AbortException;
import hudson.EnvVars;
import hudson.Extension;
import hudson.FilePath;
import hudson.model.Item;
import hudson.model.Result;
import hudson.model.Run;
import hudson.model.TaskListener;
import hudson.util.FormValidation;
import hudson.util.ListBoxModel;
import io.jenkins.plugins.buildstash.jenkins.config.FormChecks;
import io.jenkins.plugins.buildstash.jenkins.runner.Stopped;
import io.jenkins.plugins.buildstash.jenkins.runner.UploadParameters;
import io.jenkins.plugins.buildstash.jenkins.runner.UploadRunner;
import io.jenkins.plugins.buildstash.upload.CiInfo;
import io.jenkins.plugins.buildstash.upload.InvalidUploadException;
import io.jenkins.plugins.buildstash.upload.TextInputs;
import io.jenkins.plugins.buildstash.upload.UploadJournal;
import io.jenkins.plugins.buildstash.upload.UploadOptions;
import io.jenkins.plugins.buildstash.upload.UploadResult;
import io.jenkins.plugins.buildstash.upload.VcsInfo;
import java.util.List;
import java.util.Map;
import java.util.Set;
import jenkins.util.Timer;
import org.jenkinsci.Symbol;
import org.jenkinsci.plugins.workflow.actions.WarningAction;
import org.jenkinsci.plugins.workflow.graph.FlowNode;
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
import org.kohsuke.accmod.Restricted;
import org.kohsuke.accmod.restrictions.NoExternalUse;

/**
 * {@code buildstashUpload}: uploads one build (a file, an optional expansion file and metadata artifacts) and returns
 * a map with {@code buildId}, {@code buildInfoUrl}, {@code downloadUrl}, {@code pendingProcessing} and the files.
 * Holds the credentials id only; the key is read when the step runs and never stored.
 */
public final class BuildstashUploadStep extends Step {

    private final String file;
    private String credentialsId;
    private String applicationId;
    private String expansionFile;
    private String metadataArtifacts;
    private String platform;
    private String stream;
    private Integer versionMajor;
    private Integer versionMinor;
    private Integer versionPatch;
    private String versionExtra;
    private String versionMeta;
    private String customBuildNumber;
    private String labels;
    private String architectures;
    private List<String> labelList;
    private List<String> architectureList;
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

    /** @param file an Ant-style pattern that must match exactly one file in the workspace */
    @DataBoundConstructor
    public BuildstashUploadStep(String file) {
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

    public Integer getVersionMajor() {
        return versionMajor;
    }

    @DataBoundSetter
    public void setVersionMajor(Integer versionMajor) {
        this.versionMajor = versionMajor;
    }

    public Integer getVersionMinor() {
        return versionMinor;
    }

    @DataBoundSetter
    public void setVersionMinor(Integer versionMinor) {
        this.versionMinor = versionMinor;
    }

    public Integer getVersionPatch() {
        return versionPatch;
    }

    @DataBoundSetter
    public void setVersionPatch(Integer versionPatch) {
        this.versionPatch = versionPatch;
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

    /** The Pipeline list form of {@code labels}: each element is one label as it is, commas and quotes included. */
    public List<String> getLabelList() {
        return labelList;
    }

    @DataBoundSetter
    public void setLabelList(List<String> labelList) {
        this.labelList = labelList == null || labelList.isEmpty() ? null : List.copyOf(labelList);
    }

    /** The Pipeline list form of {@code architectures}. */
    public List<String> getArchitectureList() {
        return architectureList;
    }

    @DataBoundSetter
    public void setArchitectureList(List<String> architectureList) {
        this.architectureList = architectureList == null || architectureList.isEmpty() ? null : List.copyOf(architectureList);
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

    /** Everything configured, as plain values. */
    UploadParameters parameters() throws InvalidUploadException {
        UploadOptions options = UploadOptions.builder()
                .applicationId(applicationId)
                .platform(platform)
                .stream(stream)
                .version(versionMajor, versionMinor, versionPatch)
                .versionExtra(versionExtra)
                .versionMeta(versionMeta)
                .customBuildNumber(customBuildNumber)
                .labels(TextInputs.listOption("labels", labels, labelList))
                .architectures(TextInputs.listOption("architectures", architectures, architectureList))
                .notes(notes)
                .customTarget(customTarget)
                .ci(new CiInfo(ciPipeline, ciRunId, ciRunUrl, ciBuildDuration))
                .vcs(new VcsInfo(vcsHostType, vcsHost, vcsRepoName, vcsRepoUrl, vcsBranch, vcsCommitSha, vcsCommitUrl))
                .build();
        return new UploadParameters(credentialsId, file, expansionFile, metadataArtifacts, options, partConcurrency,
                detectMetadata);
    }


    @Override
    public StepExecution start(StepContext context) {
        return new Execution(context, this);
    }

    /**
     * Runs the upload on a background thread; aborting the build interrupts it, which cancels the transfer.
     *
     * <p>A controller restart stops the transfer (the agent's channel closes with the old JVM). The execution is kept
     * in the build's {@code program.dat} with the credentials id and an {@link UploadJournal} that names the pending
     * upload while one is open (saved as soon as it opens, never the key). On resume it does not upload again: it
     * aborts that pending upload, with the key read again from the credentials, and fails with a message saying so.
     * Resuming would need the ETags of the parts already stored, which stay on the agent until the transfer returns,
     * and Buildstash cannot say which parts it holds; {@link UploadJournal} gives the reasons in full.
     */
    private static final class Execution extends SynchronousNonBlockingStepExecution<Map<String, Object>> {
        private static final long serialVersionUID = 1L;

        // Not serialised into program.dat: the step is configuration the run can rebuild, and holds no secret anyway.
        private final transient BuildstashUploadStep step;
        // Kept across a restart, to settle the pending upload: an id and a file pattern, no secret.
        private final String credentialsId;
        private final UploadJournal journal;

        Execution(StepContext context, BuildstashUploadStep step) {
            super(context);
            this.step = step;
            this.credentialsId = step.getCredentialsId();
            this.journal = new UploadJournal(step.getFile());
        }

        @Override
        protected Map<String, Object> run() throws Exception {
            StepContext c = getContext();
            UploadParameters parameters;
            try {
                parameters = step.parameters();
            } catch (InvalidUploadException e) {
                throw new AbortException(e.getMessage());
            }
            journal.savingWith(c::saveState);
            try {
                UploadResult result = UploadRunner.run(c.get(Run.class), c.get(FilePath.class), c.get(EnvVars.class),
                        c.get(TaskListener.class), parameters, journal);
                if (!result.metadataFailures().isEmpty()) {
                    // The run is UNSTABLE already; stage views read the step's own node, as for the unstable step.
                    FlowNode node = c.get(FlowNode.class);
                    if (node != null) {
                        node.addOrReplaceAction(new WarningAction(Result.UNSTABLE)
                                .withMessage(UploadRunner.metadataWarning(result)));
                    }
                }
                return result.asMap();
            } catch (InterruptedException e) {
                // Pipeline has already ended the step with the stop's cause (ABORTED) and reports this exception
                // beside it: an AbortException is printed as its message, anything else with its stack trace.
                Thread.currentThread().interrupt();
                throw new AbortException(Stopped.upload(e));
            }
        }

        /**
         * Replaces {@link SynchronousNonBlockingStepExecution#onResume}, which fails the step and leaves the pending
         * upload open. Calls Buildstash, so it runs on Jenkins' timer pool rather than the thread resuming the program.
         */
        @Override
        public void onResume() {
            StepContext c = getContext();
            Timer.get().submit(() -> {
                try {
                    // A program saved by a version of the plugin that kept no journal: nothing to settle.
                    UploadJournal j = journal != null ? journal : new UploadJournal(Messages.BuildstashUploadStep_UnknownFile());
                    c.onFailure(new AbortException(UploadRunner.afterRestart(c.get(Run.class), c.get(TaskListener.class),
                            credentialsId, j)));
                } catch (Exception | LinkageError e) {
                    c.onFailure(e);
                }
            });
        }
    }

    @Extension
    @Symbol("buildstashUpload")
    public static final class DescriptorImpl extends StepDescriptor {

        @Override
        public String getFunctionName() {
            return "buildstashUpload";
        }

        @NonNull
        @Override
        public String getDisplayName() {
            return Messages.BuildstashUploadStep_DisplayName();
        }

        @Override
        public Set<? extends Class<?>> getRequiredContext() {
            // FilePath: the step needs a workspace, so Pipeline asks for a node block around it.
            return Set.of(Run.class, FilePath.class, EnvVars.class, TaskListener.class);
        }

        @Restricted(NoExternalUse.class)
        @POST
        public ListBoxModel doFillCredentialsIdItems(@AncestorInPath Item item, @QueryParameter String credentialsId) {
            return FormChecks.credentialItems(item, credentialsId);
        }

        @Restricted(NoExternalUse.class)
        @POST
        public FormValidation doCheckCredentialsId(@AncestorInPath Item item, @QueryParameter String value) {
            return FormChecks.credentials(item, value);
        }

        @Restricted(NoExternalUse.class)
        @POST
        public FormValidation doCheckFile(@AncestorInPath Item item, @QueryParameter String value) {
            return FormChecks.filePattern(item, value, "file", true);
        }

        @Restricted(NoExternalUse.class)
        @POST
        public FormValidation doCheckExpansionFile(@AncestorInPath Item item, @QueryParameter String value) {
            return FormChecks.filePattern(item, value, "expansionFile", false);
        }

        @Restricted(NoExternalUse.class)
        @POST
        public FormValidation doCheckMetadataArtifacts(@AncestorInPath Item item, @QueryParameter String value) {
            return FormChecks.filePattern(item, value, "metadataArtifacts", false);
        }

        @Restricted(NoExternalUse.class)
        @POST
        public FormValidation doCheckPlatform(@AncestorInPath Item item, @QueryParameter String value) {
            return FormChecks.platform(item, value);
        }

        @Restricted(NoExternalUse.class)
        @POST
        public FormValidation doCheckStream(@AncestorInPath Item item, @QueryParameter String value) {
            return FormChecks.stream(item, value);
        }

        @Restricted(NoExternalUse.class)
        @POST
        public FormValidation doCheckVersionMajor(@AncestorInPath Item item, @QueryParameter String value) {
            return FormChecks.versionComponent(item, value);
        }

        @Restricted(NoExternalUse.class)
        @POST
        public FormValidation doCheckVersionMinor(@AncestorInPath Item item, @QueryParameter String value) {
            return FormChecks.versionComponent(item, value);
        }

        @Restricted(NoExternalUse.class)
        @POST
        public FormValidation doCheckVersionPatch(@AncestorInPath Item item, @QueryParameter String value) {
            return FormChecks.versionComponent(item, value);
        }

        @Restricted(NoExternalUse.class)
        @POST
        public FormValidation doCheckLabels(@AncestorInPath Item item, @QueryParameter String value) {
            return FormChecks.labels(item, value);
        }

        @Restricted(NoExternalUse.class)
        @POST
        public FormValidation doCheckArchitectures(@AncestorInPath Item item, @QueryParameter String value) {
            return FormChecks.architectures(item, value);
        }

        @Restricted(NoExternalUse.class)
        @POST
        public FormValidation doCheckNotes(@AncestorInPath Item item, @QueryParameter String value) {
            return FormChecks.notes(item, value);
        }

        /** {@code testedCredentialsId}: the credential selected in the form, drop-down or expression (config.jelly). */
        @Restricted(NoExternalUse.class)
        @POST
        public FormValidation doTestConnection(@AncestorInPath Item item,
                @QueryParameter("testedCredentialsId") String credentialsId, @QueryParameter String applicationId) {
            return FormChecks.testConnection(item, credentialsId, applicationId);
        }
    }
}
