package io.jenkins.plugins.buildstash.release;

import io.jenkins.plugins.buildstash.upload.StorageException;
import java.io.IOException;

/**
 * Where the files are written. In Jenkins the file side runs on the agent that holds the workspace (through
 * {@code FilePath.act}), so no byte crosses the controller; in tests it runs in this JVM. Either way it sees temporary
 * URLs only.
 */
@FunctionalInterface
public interface DownloadSide {

    /**
     * Fetches every file of the order into the workspace.
     *
     * @throws StorageException when storage failed after the retries; {@link StorageException#urlExpired()} when the
     *     temporary URLs ran out, so that the key side can ask for new ones
     * @throws ReleaseException when the target folder or a name was refused
     */
    DownloadReceipt fetch(DownloadOrder order) throws IOException, InterruptedException;
}
