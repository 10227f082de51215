package io.jenkins.plugins.buildstash.upload;

import io.jenkins.plugins.buildstash.api.BuildstashClient;
import java.io.Serializable;
import java.util.function.Consumer;

/**
 * What a Pipeline step keeps of its upload so that it can settle it after a controller restart: the file pattern, the
 * id of the pending upload while one is open, and the build once Buildstash created it. It is stored with the step's
 * execution (in the build's {@code program.dat}); it never holds the API key, which is looked up again from the
 * credentials id when it is needed.
 *
 * <p>After a restart the upload is not resumed: {@link #afterRestart} aborts the pending upload and says so, and the
 * step fails. Resuming would need what the controller does not have: the ETags of the parts already stored (they stay
 * on the agent until the transfer returns), a way to ask Buildstash which parts it holds or whether the pending upload
 * is still open (its API has none), and the agent back online with the file unchanged. Sending the rest again under
 * the old pending upload would cost about what running the build again costs, with more ways to go wrong.
 */
public final class UploadJournal implements Uploader.Tracker, Serializable {

    private static final long serialVersionUID = 1L;

    private final String file;
    private volatile String pendingUploadId;
    private volatile String buildId;
    /** The last pending upload that was aborted or given up on before the restart (by the old JVM on its way down). */
    private volatile String closedUploadId;
    /** Asks for the journal to be written down (the step's {@code saveState}); not kept across a restart. */
    private transient volatile Runnable onChange;

    /** @param file the file as the step names it (its pattern), for the messages */
    public UploadJournal(String file) {
        this.file = file;
    }

    /** Runs {@code save} after every change, so that a restart soon after still finds the pending upload's id. */
    public UploadJournal savingWith(Runnable save) {
        this.onChange = save;
        return this;
    }

    @Override
    public void opened(String pendingUploadId) {
        this.pendingUploadId = pendingUploadId;
        changed();
    }

    @Override
    public void settled(String pendingUploadId, String buildId) {
        if (pendingUploadId.equals(this.pendingUploadId)) {
            this.pendingUploadId = null;
        }
        if (buildId != null) {
            this.buildId = buildId;
        } else {
            this.closedUploadId = pendingUploadId;
        }
        changed();
    }

    /** The pending upload this step left open, if any. */
    public String pendingUploadId() {
        return pendingUploadId;
    }

    public String buildId() {
        return buildId;
    }

    /**
     * Settles the upload of a step that a controller restart cut short: aborts its pending upload, if one is open, and
     * returns the message the step fails with.
     *
     * @param api a client with the step's key, or null when the key could not be read (then {@code whyNoClient} says why)
     */
    public String afterRestart(BuildstashClient api, String whyNoClient, Consumer<String> log) {
        String restarted = "Jenkins restarted while buildstashUpload was sending " + file + ", which stopped the transfer";
        String pending = pendingUploadId;
        if (pending != null) {
            if (api != null && Uploader.abort(api, pending, log)) {
                settled(pending, null);
                return restarted + "; its pending upload " + pending + " was aborted on Buildstash, so nothing"
                        + " half-sent is left there. An upload is not resumed after a restart: run the build again";
            }
            return restarted + "; its pending upload " + pending + " could not be aborted"
                    + (api == null ? " (" + whyNoClient + ")" : "") + ", and Buildstash discards it unverified."
                    + " An upload is not resumed after a restart: run the build again";
        }
        if (buildId != null) {
            return "Jenkins restarted after Buildstash had created build " + buildId + " from " + file + ", before"
                    + " buildstashUpload finished (metadata artifacts may be missing from it). The step is not run"
                    + " again, so that the build is not uploaded twice: find it on Buildstash";
        }
        if (closedUploadId != null) {
            return restarted + "; its pending upload " + closedUploadId + " had been closed before the restart, so"
                    + " nothing half-sent is left on Buildstash. An upload is not resumed after a restart: run the build"
                    + " again";
        }
        return restarted + " before Buildstash opened a pending upload for it; nothing was left there. Run the build"
                + " again";
    }

    /** Saving is best effort: it must never replace the failure or result of the upload itself. */
    private void changed() {
        Runnable r = onChange;
        if (r != null) {
            try {
                r.run();
            } catch (RuntimeException e) {
                // A step whose execution is gone (its build was aborted or Jenkins is shutting down) cannot save.
            }
        }
    }

    @Override
    public String toString() {
        return "UploadJournal[" + file + ", pending " + pendingUploadId + ", build " + buildId + "]";
    }
}
