package io.jenkins.plugins.buildstash.upload;

import java.io.Serializable;
import java.util.List;

/**
 * What the file side reports back for one file: the ETags storage returned (one per part, in part order; one for a
 * single PUT), and figures for the log. The key side trusts nothing else from it.
 */
public record FileReceipt(
        FileRole role, int index, String name, long bytes, List<String> etags, long elapsedMillis, int retries)
        implements Serializable {

    private static final long serialVersionUID = 1L;

    public FileReceipt {
        etags = List.copyOf(etags);
    }
}
