package io.jenkins.plugins.buildstash.jenkins.runner;

import io.jenkins.plugins.buildstash.jenkins.actions.BuildstashRunAction;
import io.jenkins.plugins.buildstash.jenkins.actions.LatestUploads;
import io.jenkins.plugins.buildstash.jenkins.actions.UploadRecord;
import io.jenkins.plugins.buildstash.jenkins.config.BuildstashGlobalConfiguration;
import io.jenkins.plugins.buildstash.jenkins.config.BuildstashCredentials;
import io.jenkins.plugins.buildstash.jenkins.agent.AgentFileSide;
import io.jenkins.plugins.buildstash.jenkins.agent.ResolveFilesCallable;

import hudson.AbortException;
import hudson.EnvVars;
import hudson.FilePath;
import hudson.model.Result;
import hudson.model.Run;
import hudson.model.TaskListener;
import io.jenkins.plugins.buildstash.api.ApiKey;
import io.jenkins.plugins.buildstash.api.BuildstashClient;
import io.jenkins.plugins.buildstash.api.BuildstashException;
import io.jenkins.plugins.buildstash.ci.CiDetector;
import io.jenkins.plugins.buildstash.files.FileSelectionException;
import io.jenkins.plugins.buildstash.upload.CiInfo;
import io.jenkins.plugins.buildstash.upload.MetadataFile;
import io.jenkins.plugins.buildstash.upload.Sizes;
import io.jenkins.plugins.buildstash.upload.UploadFailure;
import io.jenkins.plugins.buildstash.upload.UploadJournal;
import io.jenkins.plugins.buildstash.upload.UploadOptions;
import io.jenkins.plugins.buildstash.upload.UploadResult;
import io.jenkins.plugins.buildstash.upload.UploadSpec;
import io.jenkins.plugins.buildstash.upload.Uploader;
import io.jenkins.plugins.buildstash.upload.VcsInfo;
import java.io.IOException;
import java.io.PrintStream;
import java.util.List;
import jenkins.model.Jenkins;

/**
 * One upload from a run: credentials on the controller, files found and sent on the agent, the build recorded on the
 * build page. Shared by the Pipeline step and the Freestyle post-build action.
 */
public final class UploadRunner {

    private UploadRunner() {}

    public static UploadResult run(Run<?, ?> run, FilePath workspace, EnvVars env, TaskListener listener, UploadParameters p)
            throws IOException, InterruptedException {
        return run(run, workspace, env, listener, p, Uploader.Tracker.NONE);
    }

    /** @param tracker told the pending upload's id while it is open (the Pipeline step keeps it across restarts) */
    public static UploadResult run(Run<?, ?> run, FilePath workspace, EnvVars env, TaskListener listener, UploadParameters p,
            Uploader.Tracker tracker) throws IOException, InterruptedException {
        PrintStream log = listener.getLogger();
        BuildstashGlobalConfiguration config = BuildstashGlobalConfiguration.get();
        ApiKey key = BuildstashCredentials.forRun(run, p.credentialsId());
        try {
            ResolveFilesCallable.Found found =
                    workspace.act(new ResolveFilesCallable(p.file(), p.expansionFile(), p.metadataArtifacts()));
            UploadOptions options = withMetadata(run, env, p);
            UploadSpec spec = new UploadSpec(found.primary(), found.expansion(),
                    found.metadata().stream().map(f -> new MetadataFile(f, null)).toList(), options,
                    config.transferSettings(p.partConcurrency()));
            BuildstashClient client = config.client(key, log::println);
            UploadResult result = new Uploader(client, new AgentFileSide(workspace, listener), log::println, tracker)
                    .upload(spec);
            UploadRecord record = new UploadRecord(result, System.currentTimeMillis());
            BuildstashRunAction.record(run, record);
            LatestUploads.record(run.getParent(), record);
            report(listener, result);
            if (!result.metadataFailures().isEmpty()) {
                // The build exists on Buildstash, but not everything the job asked for went with it.
                run.setResult(Result.UNSTABLE);
            }
            return result;
        } catch (UploadFailure | BuildstashException | FileSelectionException e) {
            // Each of these says what went wrong and what to do: the log shows the message alone, no stack trace.
            throw new AbortException(e.getMessage());
        }
    }

    /**
     * Settles the upload of a Pipeline step that a controller restart cut short (see {@link UploadJournal}): reads the
     * key again from the credentials id, aborts the pending upload the journal names, and returns the message the step
     * fails with.
     */
    public static String afterRestart(Run<?, ?> run, TaskListener listener, String credentialsId, UploadJournal journal) {
        PrintStream log = listener.getLogger();
        BuildstashClient client = null;
        String why = null;
        if (journal.pendingUploadId() != null) {
            try {
                client = BuildstashGlobalConfiguration.get().client(BuildstashCredentials.forRun(run, credentialsId),
                        log::println);
            } catch (AbortException e) {
                why = e.getMessage();
            }
        }
        return journal.afterRestart(client, why, log::println);
    }

    private static UploadOptions withMetadata(Run<?, ?> run, EnvVars env, UploadParameters p) {
        UploadOptions o = p.options();
        CiInfo ci = o.ci();
        VcsInfo vcs = o.vcs();
        if (p.detectMetadata()) {
            Jenkins jenkins = Jenkins.getInstanceOrNull();
            String rootUrl = jenkins == null ? null : jenkins.getRootUrl();
            ci = UploadParameters.merge(CiDetector.ci(run.getParent().getFullName(), Integer.toString(run.getNumber()),
                    rootUrl, run.getUrl(), System.currentTimeMillis() - run.getStartTimeInMillis()), ci);
            vcs = UploadParameters.merge(CiDetector.vcs(env), vcs);
        }
        return new UploadOptions(o.applicationId(), o.platform(), o.stream(), o.versionMajor(), o.versionMinor(),
                o.versionPatch(), o.versionExtra(), o.versionMeta(), o.customBuildNumber(), o.labels(),
                o.architectures(), o.notes(), o.customTarget(), ci, vcs);
    }

    private static void report(TaskListener listener, UploadResult result) throws IOException {
        PrintStream log = listener.getLogger();
        log.println("Buildstash build " + result.buildId() + " created: " + result.files().get(0).name() + " "
                + result.version() + " (" + Sizes.bytes(result.totalBytes()) + " in " + Sizes.duration(result.elapsedMillis())
                + (result.pendingProcessing() ? "; Buildstash is still processing it" : "") + ")");
        link(listener, "Build page: ", result.buildInfoUrl());
        link(listener, "Download page: ", result.downloadUrl());
        if (!result.metadataFailures().isEmpty()) {
            log.println("Warning: " + metadataWarning(result));
        }
    }

    /** Why the run is unstable, when metadata artifacts could not be attached: for the log and the stage views. */
    public static String metadataWarning(UploadResult result) {
        List<String> failures = result.metadataFailures();
        return failures.size() + " metadata artifact(s) could not be attached: " + String.join("; ", failures);
    }

    private static void link(TaskListener listener, String label, String url) throws IOException {
        if (url == null) {
            return;
        }
        listener.getLogger().print(label);
        if (UploadRecord.httpsOrNull(url) != null) {
            listener.hyperlink(url, url);
            listener.getLogger().println();
        } else {
            listener.getLogger().println(url);
        }
    }
}
