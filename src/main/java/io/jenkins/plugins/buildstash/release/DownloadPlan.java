package io.jenkins.plugins.buildstash.release;

import io.jenkins.plugins.buildstash.upload.TransferSettings;
import java.util.List;

/**
 * What to download of a selected release, and where.
 *
 * @param targetFolder the folder in the workspace; blank for {@link TargetLayout#DEFAULT_FOLDER}
 * @param platforms platform identifiers whose builds to download; empty for every build of the release
 */
public record DownloadPlan(String targetFolder, List<String> platforms, TransferSettings settings) {

    public DownloadPlan {
        platforms = platforms == null ? List.of() : List.copyOf(platforms);
    }
}
