package io.jenkins.plugins.buildstash.jenkins.actions;

import edu.umd.cs.findbugs.annotations.NonNull;
import hudson.Extension;
import hudson.model.Action;
import hudson.model.Job;
import java.util.Collection;
import java.util.List;
import jenkins.model.TransientActionFactory;

/** A link on the job page to the newest build this job uploaded to Buildstash. */
@Extension
@SuppressWarnings("rawtypes")
public final class BuildstashJobActionFactory extends TransientActionFactory<Job> {

    @Override
    public Class<Job> type() {
        return Job.class;
    }

    @Override
    public Class<? extends Action> actionType() {
        return LatestUploadLink.class;
    }

    /** Loads no build: the newest upload is kept per job when it is recorded ({@link LatestUploads}). */
    @Override
    public @NonNull Collection<? extends Action> createFor(@NonNull Job job) {
        @SuppressWarnings("unchecked")
        Job<?, ?> typed = job;
        return LatestUploads.of(typed).map(latest -> List.of(new LatestUploadLink(latest))).orElse(List.of());
    }

    /** Opens the build page on Buildstash (an external https link). */
    public static final class LatestUploadLink implements Action {
        private final LatestUploads.Latest upload;

        LatestUploadLink(LatestUploads.Latest upload) {
            this.upload = upload;
        }

        public LatestUploads.Latest getUpload() {
            return upload;
        }

        @Override
        public String getIconFileName() {
            return "symbol-cube";
        }

        @Override
        public String getDisplayName() {
            return "Latest Buildstash build (" + upload.version() + ")";
        }

        @Override
        public String getUrlName() {
            return upload.buildInfoUrl();
        }
    }
}
