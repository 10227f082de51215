package io.jenkins.plugins.buildstash.upload;

import java.io.IOException;

/**
 * Where the bytes are sent from. In Jenkins the file side runs on the agent that holds the workspace (through
 * {@code FilePath.act}); in tests and the demo it runs in this JVM. Either way it sees presigned URLs only.
 */
@FunctionalInterface
public interface FileSide {

    TransferReceipt transfer(TransferOrder order, UrlSource urls) throws IOException, InterruptedException;
}
