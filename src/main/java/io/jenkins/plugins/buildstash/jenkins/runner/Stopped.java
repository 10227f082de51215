package io.jenkins.plugins.buildstash.jenkins.runner;

import io.jenkins.plugins.buildstash.upload.UploadInterruptedException;

/** The one line a build log shows when the build is aborted during a Buildstash step, instead of a stack trace. */
public final class Stopped {

    private Stopped() {}

    /**
     * @param what what was running, for a stop the engine did not describe itself, e.g. "fetching the Buildstash
     *     release"
     */
    public static String message(InterruptedException e, String what) {
        return e instanceof UploadInterruptedException ? e.getMessage() : "Stopped " + what + ": the build was interrupted";
    }
}
