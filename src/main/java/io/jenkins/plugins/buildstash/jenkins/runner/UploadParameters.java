package io.jenkins.plugins.buildstash.jenkins.runner;

import io.jenkins.plugins.buildstash.upload.CiInfo;
import io.jenkins.plugins.buildstash.upload.UploadOptions;
import io.jenkins.plugins.buildstash.upload.VcsInfo;
import org.kohsuke.accmod.Restricted;
import org.kohsuke.accmod.restrictions.NoExternalUse;

/**
 * What the step or the post-build action was asked to do, after {@code ${VAR}} expansion: plain values only, with the
 * credentials id and never the key.
 *
 * @param options user options; CI and VCS fields here are overrides of what is detected from the run
 * @param detectMetadata whether to fill CI and VCS details from the run
 */
@Restricted(NoExternalUse.class)
public record UploadParameters(
        String credentialsId,
        String file,
        String expansionFile,
        String metadataArtifacts,
        UploadOptions options,
        Integer partConcurrency,
        boolean detectMetadata) {

    /** Detected values, each replaced by the override when one is set. */
    public static CiInfo merge(CiInfo detected, CiInfo override) {
        return new CiInfo(
                pick(override.pipeline(), detected.pipeline()),
                pick(override.runId(), detected.runId()),
                pick(override.runUrl(), detected.runUrl()),
                pick(override.duration(), detected.duration()));
    }

    public static VcsInfo merge(VcsInfo detected, VcsInfo override) {
        return new VcsInfo(
                pick(override.hostType(), detected.hostType()),
                pick(override.host(), detected.host()),
                pick(override.repoName(), detected.repoName()),
                pick(override.repoUrl(), detected.repoUrl()),
                pick(override.branch(), detected.branch()),
                pick(override.commitSha(), detected.commitSha()),
                pick(override.commitUrl(), detected.commitUrl()));
    }

    private static String pick(String override, String detected) {
        return override == null || override.isBlank() ? detected : override.trim();
    }
}
