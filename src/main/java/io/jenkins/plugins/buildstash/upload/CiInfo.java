package io.jenkins.plugins.buildstash.upload;

import java.io.Serializable;

/**
 * The CI run that produced the build. All optional.
 *
 * @param pipeline the job's full name, e.g. {@code mobile/app/main}
 * @param runId the run number
 * @param runUrl the run's page, or null when Jenkins does not know its own URL
 * @param duration elapsed time so far, as {@code HH:mm:ss}
 */
public record CiInfo(String pipeline, String runId, String runUrl, String duration) implements Serializable {

    private static final long serialVersionUID = 1L;

    public static final CiInfo NONE = new CiInfo(null, null, null, null);
}
