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
 * The releases a build fetched from Buildstash, with their builds and what was downloaded: a box on the build page and
 * a page of its own. Exports the latest as {@code BUILDSTASH_RELEASE_*} variables to later Freestyle steps.
 */
public final class BuildstashReleaseAction implements RunAction2, EnvironmentContributingAction {

    private final List<ReleaseRecord> releases = new ArrayList<>();
    private transient Run<?, ?> run;

    /** Adds a release to the run's action, creating it once; safe for parallel branches of one Pipeline. */
    static void record(Run<?, ?> run, ReleaseRecord release) throws IOException {
        synchronized (run) {
            BuildstashReleaseAction action = run.getAction(BuildstashReleaseAction.class);
            if (action == null) {
                action = new BuildstashReleaseAction();
                run.addAction(action);
            }
            action.add(release);
        }
        run.save();
    }

    private synchronized void add(ReleaseRecord release) {
        releases.add(release);
    }

    public synchronized List<ReleaseRecord> getReleases() {
        return new ArrayList<>(releases);
    }

    public synchronized ReleaseRecord getLatest() {
        return releases.isEmpty() ? null : releases.get(releases.size() - 1);
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
        return "symbol-tag";
    }

    @Override
    public String getDisplayName() {
        return "Buildstash release";
    }

    @Override
    public String getUrlName() {
        return "buildstash-release";
    }

    @Override
    public void buildEnvironment(@NonNull Run<?, ?> run, @NonNull EnvVars env) {
        ReleaseRecord latest = getLatest();
        if (latest == null) {
            return;
        }
        env.put("BUILDSTASH_RELEASE_ID", latest.getReleaseId());
        env.put("BUILDSTASH_RELEASE_VERSION", latest.getVersion());
        if (latest.getTargetFolder() != null) {
            // The folder from the workspace; "." when the files went into the workspace itself.
            env.put("BUILDSTASH_RELEASE_FOLDER", latest.getTargetFolder().isEmpty() ? "." : latest.getTargetFolder());
        }
    }
}
