package io.jenkins.plugins.buildstash.release;

import java.io.Serializable;

/**
 * A file the file side wrote, at its final place.
 *
 * @param path from the workspace, with {@code /} separators: {@code buildstash-release/android/app.apk}
 * @param size bytes written, equal to what Buildstash announced
 */
public record DownloadedFile(
        String buildId, String platform, String role, String name, String path, long size, long elapsedMillis,
        int retries)
        implements Serializable {

    private static final long serialVersionUID = 1L;
}
