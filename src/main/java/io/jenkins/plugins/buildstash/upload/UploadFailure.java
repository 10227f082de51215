package io.jenkins.plugins.buildstash.upload;

import java.io.IOException;

/** An upload that could not go on, with a message meant for the build log as it is (no stack trace needed). */
public class UploadFailure extends IOException {

    private static final long serialVersionUID = 1L;

    public UploadFailure(String message) {
        super(message);
    }
}
