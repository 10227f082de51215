package io.jenkins.plugins.buildstash.files;

import java.io.IOException;

/**
 * A file pattern could not be resolved to what the step needs. The message names the option, the pattern and what to
 * do; it is meant for the build log as is, without a stack trace.
 */
public final class FileSelectionException extends IOException {

    private static final long serialVersionUID = 1L;

    public FileSelectionException(String message) {
        super(message);
    }
}
