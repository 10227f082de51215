package io.jenkins.plugins.buildstash.jenkins.agent;

import edu.umd.cs.findbugs.annotations.SuppressFBWarnings;
import hudson.FilePath;
import hudson.model.TaskListener;
import hudson.remoting.VirtualChannel;
import io.jenkins.plugins.buildstash.upload.FileSide;
import io.jenkins.plugins.buildstash.upload.FileTransfer;
import io.jenkins.plugins.buildstash.upload.UrlSource;
import io.jenkins.plugins.buildstash.upload.TransferOrder;
import io.jenkins.plugins.buildstash.upload.TransferReceipt;
import java.io.File;
import java.io.IOException;
import jenkins.MasterToSlaveFileCallable;

/**
 * Sends the bytes from the node that holds the workspace: the order (files and presigned URLs) travels to the agent,
 * and part URLs come back on request through a remoting proxy of the controller's {@link UrlSource}. The API key
 * stays on the controller, and no file byte crosses the remoting channel.
 */
public final class AgentFileSide implements FileSide {

    private final FilePath workspace;
    private final TaskListener listener;

    public AgentFileSide(FilePath workspace, TaskListener listener) {
        this.workspace = workspace;
        this.listener = listener;
    }

    @Override
    public TransferReceipt transfer(TransferOrder order, UrlSource urls) throws IOException, InterruptedException {
        VirtualChannel channel = workspace.getChannel();
        // On the controller's own workspace the channel hands back the object itself; on an agent, a proxy whose calls
        // run here. Keep the reference until the transfer ends, or the export may be released early (JENKINS-23271).
        UrlSource exported = channel == null ? urls : channel.export(UrlSource.class, urls);
        return workspace.act(new TransferCallable(order, exported, listener));
    }

    /** Runs on the agent. Holds presigned URLs and a proxy for more; never the key (a test serialises it to check). */
    public static final class TransferCallable extends MasterToSlaveFileCallable<TransferReceipt> {
        private static final long serialVersionUID = 1L;

        private final TransferOrder order;

        @SuppressFBWarnings(value = "SE_BAD_FIELD", justification = "Sent to the agent as the remoting proxy that"
                + " channel.export made of the controller's UrlSource (serialisable through its invocation handler);"
                + " the UrlSource itself, which holds the client and key, is never serialised")
        private final UrlSource urls;
        private final TaskListener listener;

        public TransferCallable(TransferOrder order, UrlSource urls, TaskListener listener) {
            this.order = order;
            this.urls = urls;
            this.listener = listener;
        }

        @Override
        public TransferReceipt invoke(File workspace, VirtualChannel channel) throws IOException, InterruptedException {
            return new FileTransfer(order, urls, listener.getLogger()::println).run();
        }
    }
}
