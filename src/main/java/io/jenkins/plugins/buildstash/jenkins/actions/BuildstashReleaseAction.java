package io.jenkins.plugins.buildstash.jenkins.actions;

import edu.umd.cs.findbugs.annotations.NonNull;
import hudson.EnvVars;
import hudson.model.Run;
import java.io.IOException;
import java.util.List;

/**
 * The releases a build fetched from Buildstash, with their builds and what was downloaded: a box on the build page and
 * a page of its own. Exports the latest as {@code BUILDSTASH_RELEASE_*} variables to later Freestyle steps.
 */
public final class BuildstashReleaseAction extends RecordListAction<ReleaseRecord> {

    public static void record(Run<?, ?> run, ReleaseRecord record) throws IOException {
        record(run, BuildstashReleaseAction.class, BuildstashReleaseAction::new, record);
    }

    public List<ReleaseRecord> getReleases() {
        return records();
    }

    @Override
    public String getIconFileName() {
        return "symbol-tag";
    }

    @Override
    public String getDisplayName() {
        return "Buildstash release";
    }

    /** Prefixed with the plugin's short name, as every URL the plugin adds, so that no other plugin's page hides it. */
    @Override
    public String getUrlName() {
        return "buildstash-uploader-releases";
    }

    @Override
    public void buildEnvironment(@NonNull Run<?, ?> run, @NonNull EnvVars env) {
        ReleaseRecord latest = getLatest();
        if (latest == null) {
            return;
        }
        // EnvVars refuses null values (a release may have no version): put only what Buildstash returned.
        env.putIfNotNull("BUILDSTASH_RELEASE_ID", latest.getReleaseId());
        env.putIfNotNull("BUILDSTASH_RELEASE_VERSION", latest.getVersion());
        if (latest.getTargetFolder() != null) {
            // The folder from the workspace; "." when the files went into the workspace itself.
            env.put("BUILDSTASH_RELEASE_FOLDER", latest.getTargetFolder().isEmpty() ? "." : latest.getTargetFolder());
        }
    }
}
