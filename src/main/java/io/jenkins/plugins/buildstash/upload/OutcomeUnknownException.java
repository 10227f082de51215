package io.jenkins.plugins.buildstash.upload;

import io.jenkins.plugins.buildstash.api.BuildstashException;

/**
 * Verify was refused on a retry after an earlier attempt's answer was lost: Buildstash may have created the build. The
 * pending upload is then left alone rather than aborted, and the message tells the user to look before uploading again.
 */
public final class OutcomeUnknownException extends BuildstashException {

    private static final long serialVersionUID = 1L;

    OutcomeUnknownException(BuildstashException refused) {
        super(refused.getMessage() + ". An earlier attempt's answer was lost, so Buildstash may have created the build"
                        + " anyway: check the application's latest builds before uploading again",
                refused.operation(), refused.serverMessage(), refused.failure());
    }
}
