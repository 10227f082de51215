package io.jenkins.plugins.buildstash.release;

import io.jenkins.plugins.buildstash.api.model.Release;

/**
 * The release that was selected, as {@code GET .../releases/{id}} returned it (builds in full).
 *
 * @param applicationName the application's name when it was looked up (no application id was given), else null
 */
public record SelectedRelease(String applicationId, String applicationName, Release release) {

    /** "'Space Game' (app1)" or "'app1'", for messages. */
    public String application() {
        return applicationName == null ? "'" + applicationId + "'" : "'" + applicationName + "' (" + applicationId + ")";
    }
}
