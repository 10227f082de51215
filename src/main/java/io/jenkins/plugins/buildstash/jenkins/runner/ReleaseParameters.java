package io.jenkins.plugins.buildstash.jenkins.runner;

import io.jenkins.plugins.buildstash.release.ReleaseSelection;
import java.util.List;
import org.kohsuke.accmod.Restricted;
import org.kohsuke.accmod.restrictions.NoExternalUse;

/**
 * What {@code buildstashRelease} or the Freestyle download step was asked to do, after {@code ${VAR}} expansion: plain
 * values only, with the credentials id and never the key.
 *
 * @param targetFolder the folder in the workspace; null for the default
 * @param downloadPlatforms the platforms whose builds to download; empty for all
 */
@Restricted(NoExternalUse.class)
public record ReleaseParameters(
        String credentialsId,
        ReleaseSelection selection,
        boolean download,
        String targetFolder,
        List<String> downloadPlatforms) {

    public ReleaseParameters {
        downloadPlatforms = downloadPlatforms == null ? List.of() : List.copyOf(downloadPlatforms);
    }
}
