package io.jenkins.plugins.buildstash.upload;

import java.io.IOException;
import java.util.function.Consumer;

/** The file side in this JVM: for tests, the demo and controllers that hold the file themselves. */
public final class LocalFileSide implements FileSide {

    private final Consumer<String> log;

    public LocalFileSide(Consumer<String> log) {
        this.log = log;
    }

    @Override
    public TransferReceipt transfer(TransferOrder order, UrlSource urls) throws IOException, InterruptedException {
        return new FileTransfer(order, urls, log).run();
    }
}
