package io.jenkins.plugins.buildstash.upload;

import io.jenkins.plugins.buildstash.api.HttpClients;
import io.jenkins.plugins.buildstash.api.Sleeper;
import java.io.IOException;
import java.util.function.Consumer;
import java.util.random.RandomGenerator;

/** The file side in this JVM: for tests, the demo and controllers that hold the file themselves. */
public final class LocalFileSide implements FileSide {

    private final Consumer<String> log;
    private final Sleeper sleeper;

    public LocalFileSide(Consumer<String> log) {
        this(log, Sleeper.SYSTEM);
    }

    /** @param sleeper waits between transfer retries: tests pass one that does not really sleep */
    public LocalFileSide(Consumer<String> log, Sleeper sleeper) {
        this.log = log;
        this.sleeper = sleeper;
    }

    @Override
    public TransferReceipt transfer(TransferOrder order, UrlSource urls) throws IOException, InterruptedException {
        TransferSettings settings = order.settings();
        return new FileTransfer(order, urls, log, HttpClients.forStorage(settings.proxy(), settings.connectTimeout()),
                sleeper, RandomGenerator.getDefault()).run();
    }
}
