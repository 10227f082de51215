package io.jenkins.plugins.buildstash.jenkins.actions;

import edu.umd.cs.findbugs.annotations.NonNull;
import hudson.EnvVars;
import hudson.model.Run;
import java.io.IOException;
import java.util.List;

/**
 * The Buildstash box on a build page: every upload of the run, from any number of steps and parallel branches. It
 * also exports the latest upload as {@code BUILDSTASH_*} variables to later Freestyle steps.
 */
public final class BuildstashRunAction extends RecordListAction<UploadRecord> {

    public static void record(Run<?, ?> run, UploadRecord record) throws IOException {
        record(run, BuildstashRunAction.class, BuildstashRunAction::new, record);
    }

    public List<UploadRecord> getUploads() {
        return records();
    }

    @Override
    public String getIconFileName() {
        return "symbol-cube";
    }

    @Override
    public String getDisplayName() {
        return "Buildstash";
    }

    /** Not "buildstash": the official Buildstash plugin's action has that name, and one page would hide the other. */
    @Override
    public String getUrlName() {
        return "buildstash-uploader";
    }

    @Override
    public void buildEnvironment(@NonNull Run<?, ?> run, @NonNull EnvVars env) {
        UploadRecord latest = getLatest();
        if (latest == null) {
            return;
        }
        // EnvVars refuses null values, and a refusal here breaks every later step of the run: put only what is known.
        env.putIfNotNull("BUILDSTASH_BUILD_ID", latest.getBuildId());
        env.put("BUILDSTASH_PENDING_PROCESSING", Boolean.toString(latest.isPendingProcessing()));
        env.put("BUILDSTASH_UPLOAD_COUNT", Integer.toString(getUploads().size()));
        env.putIfNotNull("BUILDSTASH_BUILD_URL", latest.getBuildInfoUrl());
        env.putIfNotNull("BUILDSTASH_DOWNLOAD_URL", latest.getDownloadUrl());
    }
}
