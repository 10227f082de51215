package io.jenkins.plugins.buildstash.upload;

import io.jenkins.plugins.buildstash.api.BuildstashException;
import io.jenkins.plugins.buildstash.api.Failure;

/** A storage PUT that failed; {@code urlExpired} when storage refused the presigned URL as expired. */
public final class StorageException extends BuildstashException {

    private static final long serialVersionUID = 1L;

    private final boolean urlExpired;

    StorageException(String message, String operation, Failure failure, boolean urlExpired, Throwable cause) {
        super(message, operation, failure, cause);
        this.urlExpired = urlExpired;
    }

    public boolean urlExpired() {
        return urlExpired;
    }
}
