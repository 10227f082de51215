package io.jenkins.plugins.buildstash.upload;

/**
 * The upload was interrupted (in Jenkins: the build was aborted) before Buildstash created the build. The message is
 * the one line a build log needs: what was stopped, and what became of the pending upload.
 */
public final class UploadInterruptedException extends InterruptedException {

    private static final long serialVersionUID = 1L;

    public UploadInterruptedException(String message) {
        super(message);
    }
}
