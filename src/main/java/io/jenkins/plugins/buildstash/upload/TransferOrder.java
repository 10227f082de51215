package io.jenkins.plugins.buildstash.upload;

import java.io.Serializable;
import java.util.List;

/** Everything the file side receives: files and settings. No API key, ever: a test serialises it and looks. */
public record TransferOrder(List<FileOrder> files, TransferSettings settings) implements Serializable {

    private static final long serialVersionUID = 1L;

    public TransferOrder {
        files = List.copyOf(files);
    }
}
