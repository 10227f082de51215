package io.jenkins.plugins.buildstash.release;

import java.io.Serializable;
import java.util.List;

/** The file side's answer for one build: a file per file of the order, in its order. */
public record DownloadReceipt(List<DownloadedFile> files) implements Serializable {

    private static final long serialVersionUID = 1L;

    public DownloadReceipt {
        files = List.copyOf(files);
    }
}
