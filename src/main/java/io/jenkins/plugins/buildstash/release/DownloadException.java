package io.jenkins.plugins.buildstash.release;

import io.jenkins.plugins.buildstash.api.BuildstashException;
import io.jenkins.plugins.buildstash.api.Failure;

/**
 * A GET of a temporary download URL that failed. {@code urlExpired} when storage refused the URL as expired: the key
 * side then asks Buildstash for fresh URLs once. Never carries the URL's query string.
 */
public final class DownloadException extends BuildstashException {

    private static final long serialVersionUID = 1L;

    private final boolean urlExpired;

    DownloadException(String message, String operation, Failure failure, boolean urlExpired, Throwable cause) {
        super(message, operation, failure, cause);
        this.urlExpired = urlExpired;
    }

    public boolean urlExpired() {
        return urlExpired;
    }
}
