package io.jenkins.plugins.buildstash.jenkins.agent;

import edu.umd.cs.findbugs.annotations.SuppressFBWarnings;
import hudson.FilePath;
import hudson.model.TaskListener;
import hudson.remoting.Channel;
import hudson.remoting.VirtualChannel;
import io.jenkins.plugins.buildstash.api.BuildstashException;
import io.jenkins.plugins.buildstash.upload.FileSide;
import io.jenkins.plugins.buildstash.upload.FileTransfer;
import io.jenkins.plugins.buildstash.upload.HttpRuntime;
import io.jenkins.plugins.buildstash.upload.ReleasableUrlSource;
import io.jenkins.plugins.buildstash.upload.TransferOrder;
import io.jenkins.plugins.buildstash.upload.TransferReceipt;
import io.jenkins.plugins.buildstash.upload.UploadFailure;
import io.jenkins.plugins.buildstash.upload.UrlSource;
import java.io.File;
import java.io.IOException;
import jenkins.MasterToSlaveFileCallable;
import org.kohsuke.accmod.Restricted;
import org.kohsuke.accmod.restrictions.NoExternalUse;

/**
 * Sends the bytes from the node that holds the workspace: the order (files, part plan, settings) travels to the
 * agent, and part URLs come back on request through a remoting proxy of the controller's {@link UrlSource}. The API
 * key stays on the controller, and no file byte crosses the remoting channel.
 *
 * <p>What the agent may call is a {@link ReleasableUrlSource}, closed as soon as {@code act} returns or throws, so
 * that nothing the export table still holds reaches the client or its key. It is exported while the callable is
 * serialised ({@link TransferCallable#writeReplace}), which is when remoting records exports made for one call and
 * releases them as that call ends ({@code Channel.call}), however it ends; a closed channel drops them all. If
 * {@code act} fails before the callable is sent, nothing was exported.
 *
 * <p>When the agent is lost mid-transfer, remoting aborts the call; the step then fails with a message naming the
 * agent, and the key side aborts the pending upload.
 */
@Restricted(NoExternalUse.class)
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
        try {
            return ReleasableUrlSource.lend(urls, forwarder -> workspace.act(new TransferCallable(order, forwarder, listener)));
        } catch (UploadFailure | BuildstashException e) {
            // The file side's own failures say what happened; they are not about the channel.
            throw e;
        } catch (IOException | RuntimeException e) {
            if (channel instanceof Channel c && c.isClosingOrClosed()) {
                throw agentLost(c, order);
            }
            throw e;
        }
    }

    /** Where remoting records which command closed a channel: bookkeeping, not a reason a user can act on. */
    private static final String REMOTING_COMMAND_SOURCE = "hudson.remoting.Command$Source";

    /** The failure for a transfer cut short by the loss of the agent, naming it and what went wrong with it. */
    static UploadFailure agentLost(Channel channel, TransferOrder order) {
        return new UploadFailure(Messages.AgentFileSide_AgentLost(channel.getName(), order.files().get(0).name(),
                closeCause(channel)));
    }

    /**
     * Why the channel closed, when remoting says something a reader can use ("Connection reset", "Ping failed"...);
     * nothing for remoting's own bookkeeping of an orderly close ("Command Close created at").
     */
    private static String closeCause(Channel channel) {
        Throwable cause = channel.getCloseRequestCause();
        for (Throwable t = cause; t != null; t = t.getCause()) {
            String m = t.getMessage();
            boolean repeatsItsCause = t.getCause() != null && t.getCause().toString().equals(m);
            if (m != null && !m.isBlank() && !repeatsItsCause && !REMOTING_COMMAND_SOURCE.equals(t.getClass().getName())) {
                return " (" + m + ")";
            }
        }
        return "";
    }

    /** Runs on the agent. Holds a proxy for part URLs; never the key (a test serialises it to check). */
    public static final class TransferCallable extends MasterToSlaveFileCallable<TransferReceipt> {
        private static final long serialVersionUID = 1L;

        private final TransferOrder order;

        @SuppressFBWarnings(value = "SE_BAD_FIELD", justification = "What is serialised is the remoting proxy that"
                + " writeReplace exports in place of the controller's forwarder (serialisable through its invocation"
                + " handler); the forwarder, and the client and key behind it, are never serialised")
        private final UrlSource urls;
        private final TaskListener listener;

        public TransferCallable(TransferOrder order, UrlSource urls, TaskListener listener) {
            this.order = order;
            this.urls = urls;
            this.listener = listener;
        }

        /**
         * Sent to an agent, the callable carries a proxy of the forwarder, exported now: remoting records the exports
         * made while a call's callable is serialised and releases them when the call ends.
         */
        private Object writeReplace() {
            if (!(urls instanceof ReleasableUrlSource)) {
                return this; // already a proxy
            }
            Channel channel = Channel.current();
            if (channel == null) {
                return this; // not sent over remoting
            }
            return new TransferCallable(order, channel.export(UrlSource.class, urls), listener);
        }

        @Override
        public TransferReceipt invoke(File workspace, VirtualChannel channel) throws IOException, InterruptedException {
            HttpRuntime.require(ResolveFilesCallable.THIS_NODE);
            AgentLog log = new AgentLog(listener);
            try {
                return new FileTransfer(order, urls, log).run();
            } catch (NoClassDefFoundError e) {
                UploadFailure missing = HttpRuntime.explain(e, ResolveFilesCallable.THIS_NODE);
                if (missing != null) {
                    throw missing;
                }
                throw e;
            } finally {
                log.flush();
            }
        }
    }
}
