package io.jenkins.plugins.buildstash.release;

import io.jenkins.plugins.buildstash.api.BuildstashClient;
import io.jenkins.plugins.buildstash.api.RetryBudget;
import java.io.IOException;
import java.util.List;
import java.util.function.Consumer;

/**
 * What {@code buildstashRelease} does, without Jenkins: select a release, read it in full, and optionally download its
 * builds' files through a {@link DownloadSide}. Runs on the key side; the file side sees temporary URLs only.
 */
public final class ReleaseFetcher {

    private final BuildstashClient client;
    private final DownloadSide side;
    private final Pacer pacer;
    private final Consumer<String> log;

    /**
     * @param side where files are written; may be null when nothing is downloaded
     * @param pacer spaces download-route calls
     */
    public ReleaseFetcher(BuildstashClient client, DownloadSide side, Pacer pacer, Consumer<String> log) {
        // One retry budget per fetch: a Buildstash that keeps failing stops this step, not the next one.
        this.client = client.withBudget(RetryBudget.standard());
        this.side = side;
        this.pacer = pacer;
        this.log = log;
    }

    /**
     * @param plan what to download, or null to download nothing
     */
    public ReleaseResult fetch(ReleaseSelection selection, DownloadPlan plan) throws IOException, InterruptedException {
        if (plan != null) {
            // Before any call: a wrong folder should not cost a rate-limited request.
            TargetLayout.folder(plan.targetFolder());
            if (side == null) {
                throw new IllegalStateException("A download needs a file side");
            }
        }
        SelectedRelease selected = new ReleaseSelector(client, log).select(selection);
        int builds = selected.release().builds() == null ? 0 : selected.release().builds().size();
        log.accept("Buildstash release " + selected.release().version()
                + (selected.release().title() == null ? "" : " '" + selected.release().title() + "'") + " ("
                + selected.release().id() + ") of application " + selected.application() + ": " + builds
                + (builds == 1 ? " build" : " builds"));
        if (plan == null) {
            return ReleaseResult.of(selected, List.of(), null);
        }
        List<DownloadedFile> files = new ReleaseDownloader(client, side, pacer, log).download(selected, plan);
        return ReleaseResult.of(selected, files, TargetLayout.folder(plan.targetFolder()));
    }
}
