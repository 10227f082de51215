package io.jenkins.plugins.buildstash.upload;

import java.io.IOException;

/**
 * The file side could not send a file as it was announced: it changed or disappeared after it was found, or storage
 * answered in a way Buildstash cannot use. The message says what happened and what to do, for the build log as is,
 * without a stack trace.
 */
public final class TransferException extends IOException {

    private static final long serialVersionUID = 1L;

    public TransferException(String message) {
        super(message);
    }
}
