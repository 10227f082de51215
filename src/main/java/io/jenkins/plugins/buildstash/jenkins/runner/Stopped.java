package io.jenkins.plugins.buildstash.jenkins.runner;

import io.jenkins.plugins.buildstash.upload.UploadInterruptedException;
import org.kohsuke.accmod.Restricted;
import org.kohsuke.accmod.restrictions.NoExternalUse;

/** The one line a build log shows when the build is aborted during a Buildstash step, instead of a stack trace. */
@Restricted(NoExternalUse.class)
public final class Stopped {

    private Stopped() {}

    public static String upload(InterruptedException e) {
        return e instanceof UploadInterruptedException
                ? e.getMessage()
                : Messages.Stopped_Interrupted(Messages.Stopped_Upload());
    }

    public static String release() {
        return Messages.Stopped_Interrupted(Messages.Stopped_Release());
    }
}
