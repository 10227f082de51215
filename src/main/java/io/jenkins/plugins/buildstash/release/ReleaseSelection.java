package io.jenkins.plugins.buildstash.release;

import io.jenkins.plugins.buildstash.upload.TextInputs;
import java.util.List;

/**
 * Which release to fetch: by {@code releaseId}, by {@code version}, or else the newest one matching {@code labels} and
 * {@code platforms} (the newest of all when both are empty). Blank values count as unset.
 *
 * @param applicationId the application; null to use the only one the API key reaches
 * @param version matched exactly against a release's {@code version}, or failing that its {@code version_short}
 * @param labels label names or ids, passed to Buildstash's {@code labels} filter
 * @param platforms platform identifiers, passed to Buildstash's {@code platforms} filter (a release with at least one
 *     build on one of them matches)
 */
public record ReleaseSelection(
        String applicationId, String releaseId, String version, List<String> labels, List<String> platforms) {

    public ReleaseSelection {
        applicationId = TextInputs.blankToNull(applicationId);
        releaseId = TextInputs.blankToNull(releaseId);
        version = TextInputs.blankToNull(version);
        labels = labels == null ? List.of() : List.copyOf(labels);
        platforms = platforms == null ? List.of() : List.copyOf(platforms);
    }

    public static ReleaseSelection byId(String applicationId, String releaseId) {
        return new ReleaseSelection(applicationId, releaseId, null, List.of(), List.of());
    }

    public static ReleaseSelection byVersion(String applicationId, String version) {
        return new ReleaseSelection(applicationId, null, version, List.of(), List.of());
    }

    public static ReleaseSelection newest(String applicationId, List<String> labels, List<String> platforms) {
        return new ReleaseSelection(applicationId, null, null, labels, platforms);
    }

    /** Problems with the options themselves, before anything is asked of Buildstash; empty when they are fine. */
    public List<String> problems() {
        if (releaseId != null && version != null) {
            return List.of("Set either releaseId or version, not both: releaseId '" + releaseId + "' and version '"
                    + version + "' would each select a release");
        }
        return List.of();
    }

    /** "release id 'r1'", "version '2.3.0'", "the newest release with labels qa", for log lines and messages. */
    public String describe() {
        if (releaseId != null) {
            return "release id '" + releaseId + "'";
        }
        if (version != null) {
            return "version '" + version + "'";
        }
        return "the newest release" + filters();
    }

    String filters() {
        String text = "";
        if (!labels.isEmpty()) {
            text += " with labels " + String.join(", ", labels);
        }
        if (!platforms.isEmpty()) {
            text += (labels.isEmpty() ? "" : " and") + " with builds on " + String.join(", ", platforms);
        }
        return text;
    }

}
