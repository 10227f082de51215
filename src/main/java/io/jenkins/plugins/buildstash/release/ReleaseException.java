package io.jenkins.plugins.buildstash.release;

import java.io.IOException;

/**
 * A release could not be selected or its files could not be placed as asked: nothing matched, several did, an option
 * conflicts, a name from Buildstash was refused, or the workspace could not be written. The message names what and says what to do; it is meant for the
 * build log as is, without a stack trace.
 */
public final class ReleaseException extends IOException {

    private static final long serialVersionUID = 1L;

    public ReleaseException(String message) {
        super(message);
    }

    public ReleaseException(String message, Throwable cause) {
        super(message, cause);
    }
}
