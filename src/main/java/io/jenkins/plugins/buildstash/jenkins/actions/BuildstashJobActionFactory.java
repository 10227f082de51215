package io.jenkins.plugins.buildstash.jenkins.actions;

import edu.umd.cs.findbugs.annotations.NonNull;
import hudson.Extension;
import hudson.model.Action;
import hudson.model.Job;
import hudson.model.Run;
import java.util.Collection;
import java.util.List;
import jenkins.model.TransientActionFactory;
import org.kohsuke.accmod.Restricted;
import org.kohsuke.accmod.restrictions.NoExternalUse;

/** A link on the job page to the newest build this job uploaded to Buildstash. */
@Extension
@SuppressWarnings("rawtypes")
@Restricted(NoExternalUse.class)
public final class BuildstashJobActionFactory extends TransientActionFactory<Job> {

    /** How far back to look: older builds are not loaded just to draw a link. */
    private static final int RECENT_BUILDS = 10;

    @Override
    public Class<Job> type() {
        return Job.class;
    }

    @Override
    public Class<? extends Action> actionType() {
        return LatestUploadLink.class;
    }

    @Override
    public @NonNull Collection<? extends Action> createFor(@NonNull Job job) {
        Run<?, ?> run = job.getLastCompletedBuild();
        for (int i = 0; run != null && i < RECENT_BUILDS; i++, run = run.getPreviousCompletedBuild()) {
            BuildstashRunAction action = run.getAction(BuildstashRunAction.class);
            UploadRecord latest = action == null ? null : action.getLatest();
            if (latest != null && latest.getBuildInfoUrl() != null) {
                return List.of(new LatestUploadLink(latest));
            }
        }
        return List.of();
    }

    /** Opens the build page on Buildstash (an external https link). */
    public static final class LatestUploadLink implements Action {
        private final UploadRecord upload;

        LatestUploadLink(UploadRecord upload) {
            this.upload = upload;
        }

        public UploadRecord getUpload() {
            return upload;
        }

        @Override
        public String getIconFileName() {
            return "symbol-cube";
        }

        @Override
        public String getDisplayName() {
            return Messages.LatestUploadLink_DisplayName(upload.getVersion());
        }

        @Override
        public String getUrlName() {
            return upload.getBuildInfoUrl();
        }
    }
}
