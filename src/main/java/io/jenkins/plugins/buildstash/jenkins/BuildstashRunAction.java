package io.jenkins.plugins.buildstash.jenkins;

import edu.umd.cs.findbugs.annotations.NonNull;
import hudson.EnvVars;
import hudson.model.EnvironmentContributingAction;
import hudson.model.Run;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import jenkins.model.RunAction2;

/**
 * The Buildstash box on a build page: every upload of the run, from any number of steps and parallel branches. It
 * also exports the latest upload as {@code BUILDSTASH_*} variables to later Freestyle steps.
 */
public final class BuildstashRunAction implements RunAction2, EnvironmentContributingAction {

    private final List<UploadRecord> uploads = new ArrayList<>();
    private transient Run<?, ?> run;

    /** Adds an upload to the run's action, creating it once; safe for parallel branches of one Pipeline. */
    static void record(Run<?, ?> run, UploadRecord upload) throws IOException {
        synchronized (run) {
            BuildstashRunAction action = run.getAction(BuildstashRunAction.class);
            if (action == null) {
                action = new BuildstashRunAction();
                run.addAction(action);
            }
            action.add(upload);
        }
        run.save();
    }

    private synchronized void add(UploadRecord upload) {
        uploads.add(upload);
    }

    public synchronized List<UploadRecord> getUploads() {
        return new ArrayList<>(uploads);
    }

    public synchronized UploadRecord getLatest() {
        return uploads.isEmpty() ? null : uploads.get(uploads.size() - 1);
    }

    public Run<?, ?> getRun() {
        return run;
    }

    @Override
    public void onAttached(Run<?, ?> r) {
        this.run = r;
    }

    @Override
    public void onLoad(Run<?, ?> r) {
        this.run = r;
    }

    @Override
    public String getIconFileName() {
        return "symbol-cube";
    }

    @Override
    public String getDisplayName() {
        return "Buildstash";
    }

    @Override
    public String getUrlName() {
        return "buildstash";
    }

    @Override
    public void buildEnvironment(@NonNull Run<?, ?> run, @NonNull EnvVars env) {
        UploadRecord latest = getLatest();
        if (latest == null) {
            return;
        }
        env.put("BUILDSTASH_BUILD_ID", latest.getBuildId());
        env.put("BUILDSTASH_PENDING_PROCESSING", Boolean.toString(latest.isPendingProcessing()));
        env.put("BUILDSTASH_UPLOAD_COUNT", Integer.toString(getUploads().size()));
        if (latest.getBuildInfoUrl() != null) {
            env.put("BUILDSTASH_BUILD_URL", latest.getBuildInfoUrl());
        }
        if (latest.getDownloadUrl() != null) {
            env.put("BUILDSTASH_DOWNLOAD_URL", latest.getDownloadUrl());
        }
    }
}
