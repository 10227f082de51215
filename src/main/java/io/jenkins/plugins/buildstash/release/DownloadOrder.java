package io.jenkins.plugins.buildstash.release;

import io.jenkins.plugins.buildstash.upload.TransferSettings;
import java.io.Serializable;
import java.util.List;

/**
 * Everything the file side needs to fetch one build's files: temporary URLs, names, sizes, where to put them and how to
 * transfer. No API key, ever: a test serialises it and looks.
 *
 * @param targetFolder the folder from the workspace, as {@link TargetLayout#folder} returns it
 * @param platform the build's platform identifier: the folder its files go in
 */
public record DownloadOrder(
        String buildId, String platform, String targetFolder, List<DownloadFile> files, TransferSettings settings)
        implements Serializable {

    private static final long serialVersionUID = 1L;

    public DownloadOrder {
        files = List.copyOf(files);
    }
}
