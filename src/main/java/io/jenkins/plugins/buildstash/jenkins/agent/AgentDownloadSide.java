package io.jenkins.plugins.buildstash.jenkins.agent;

import hudson.FilePath;
import hudson.model.TaskListener;
import hudson.remoting.VirtualChannel;
import io.jenkins.plugins.buildstash.release.DownloadOrder;
import io.jenkins.plugins.buildstash.release.DownloadReceipt;
import io.jenkins.plugins.buildstash.release.DownloadSide;
import io.jenkins.plugins.buildstash.release.FileDownload;
import io.jenkins.plugins.buildstash.upload.HttpRuntime;
import java.io.File;
import java.io.IOException;
import jenkins.MasterToSlaveFileCallable;

/**
 * Writes a build's files on the node that holds the workspace: the order (temporary URLs, names, sizes, folder)
 * travels to the agent, the bytes go from storage straight to the agent's disk, and the API key stays on the
 * controller. One {@code act} per build, so that each build's URLs are asked for just before they are used.
 */
public final class AgentDownloadSide implements DownloadSide {

    private final FilePath workspace;
    private final TaskListener listener;

    public AgentDownloadSide(FilePath workspace, TaskListener listener) {
        this.workspace = workspace;
        this.listener = listener;
    }

    @Override
    public DownloadReceipt fetch(DownloadOrder order) throws IOException, InterruptedException {
        return workspace.act(new DownloadCallable(order, listener));
    }

    /** Runs on the agent. Holds temporary URLs only, never the key (a test serialises it to check). */
    public static final class DownloadCallable extends MasterToSlaveFileCallable<DownloadReceipt> {
        private static final long serialVersionUID = 1L;

        private final DownloadOrder order;
        private final TaskListener listener;

        public DownloadCallable(DownloadOrder order, TaskListener listener) {
            this.order = order;
            this.listener = listener;
        }

        @Override
        public DownloadReceipt invoke(File workspace, VirtualChannel channel) throws IOException, InterruptedException {
            HttpRuntime.require(ResolveFilesCallable.THIS_NODE);
            AgentLog log = new AgentLog(listener);
            try {
                return new FileDownload(workspace.toPath(), order, log).run();
            } finally {
                log.flush();
            }
        }
    }
}
