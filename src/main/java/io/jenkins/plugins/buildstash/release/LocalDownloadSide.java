package io.jenkins.plugins.buildstash.release;

import java.io.IOException;
import java.nio.file.Path;
import java.util.function.Consumer;

/** The file side in this JVM, writing into {@code workspace}: for tests and for a controller that holds the files. */
public final class LocalDownloadSide implements DownloadSide {

    private final Path workspace;
    private final Consumer<String> log;

    public LocalDownloadSide(Path workspace, Consumer<String> log) {
        this.workspace = workspace;
        this.log = log;
    }

    @Override
    public DownloadReceipt fetch(DownloadOrder order) throws IOException, InterruptedException {
        return new FileDownload(workspace, order, log).run();
    }
}
