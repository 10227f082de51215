package io.jenkins.plugins.buildstash.jenkins.runner;

import io.jenkins.plugins.buildstash.jenkins.actions.BuildstashReleaseAction;
import io.jenkins.plugins.buildstash.jenkins.actions.UploadRecord;
import io.jenkins.plugins.buildstash.jenkins.actions.ReleaseRecord;
import io.jenkins.plugins.buildstash.jenkins.config.BuildstashGlobalConfiguration;
import io.jenkins.plugins.buildstash.jenkins.config.BuildstashCredentials;
import io.jenkins.plugins.buildstash.jenkins.agent.AgentDownloadSide;

import hudson.AbortException;
import hudson.FilePath;
import hudson.model.Run;
import hudson.model.TaskListener;
import io.jenkins.plugins.buildstash.api.ApiKey;
import io.jenkins.plugins.buildstash.api.BuildstashClient;
import io.jenkins.plugins.buildstash.api.BuildstashException;
import io.jenkins.plugins.buildstash.release.DownloadPlan;
import io.jenkins.plugins.buildstash.release.Pacer;
import io.jenkins.plugins.buildstash.release.ReleaseException;
import io.jenkins.plugins.buildstash.release.ReleaseFetcher;
import io.jenkins.plugins.buildstash.release.ReleaseResult;
import io.jenkins.plugins.buildstash.upload.Sizes;
import java.io.IOException;
import java.io.PrintStream;

/**
 * One release fetch from a run: credentials on the controller, files written on the agent, the release recorded on the
 * build page. Shared by the Pipeline step and the Freestyle build step.
 */
public final class ReleaseRunner {

    private ReleaseRunner() {}

    /** @param workspace where files are downloaded; may be null when {@code p} asks for no download */
    public static ReleaseResult run(Run<?, ?> run, FilePath workspace, TaskListener listener, ReleaseParameters p)
            throws IOException, InterruptedException {
        if (p.download() && workspace == null) {
            throw new AbortException("buildstashRelease cannot download without a workspace: put the step inside a"
                    + " node block (or a stage with an agent), or set download: false to fetch only the release's"
                    + " details");
        }
        PrintStream log = listener.getLogger();
        BuildstashGlobalConfiguration config = BuildstashGlobalConfiguration.get();
        ApiKey key = BuildstashCredentials.forRun(run, p.credentialsId());
        try {
            BuildstashClient client = config.client(key, log::println);
            DownloadPlan plan = p.download()
                    ? new DownloadPlan(p.targetFolder(), p.downloadPlatforms(), config.transferSettings(null))
                    : null;
            ReleaseFetcher fetcher = new ReleaseFetcher(client,
                    p.download() ? new AgentDownloadSide(workspace, listener) : null, Pacer.standard(), log::println);
            ReleaseResult result = fetcher.fetch(p.selection(), plan);
            BuildstashReleaseAction.record(run, new ReleaseRecord(result, System.currentTimeMillis()));
            report(listener, result);
            return result;
        } catch (ReleaseException | BuildstashException e) {
            throw new AbortException(e.getMessage());
        }
    }

    private static void report(TaskListener listener, ReleaseResult result) throws IOException {
        PrintStream log = listener.getLogger();
        for (ReleaseResult.BuildSummary build : result.builds()) {
            log.print("  " + build.platform() + " " + build.version()
                    + (build.stream() == null ? "" : " (" + build.stream() + ")") + ", build " + build.id());
            String url = UploadRecord.httpsOrNull(build.buildInfoUrl());
            if (url != null) {
                log.print(": ");
                listener.hyperlink(url, url);
            }
            log.println();
        }
        if (!result.downloaded().isEmpty()) {
            log.println("Buildstash release " + result.version() + ": " + result.downloaded().size() + " file(s), "
                    + Sizes.bytes(result.downloadedBytes()) + ", in "
                    + (result.targetFolder().isEmpty() ? "the workspace" : result.targetFolder() + "/"));
        }
    }
}
