package io.jenkins.plugins.buildstash.upload;

import java.io.Serializable;
import java.util.List;

/** The file side's answer: one receipt per file, in the order's order. */
public record TransferReceipt(List<FileReceipt> files) implements Serializable {

    private static final long serialVersionUID = 1L;

    public TransferReceipt {
        files = List.copyOf(files);
    }
}
