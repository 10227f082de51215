package io.jenkins.plugins.buildstash.api.model;

import java.util.List;

/** The answer to {@code POST /upload/request}: the pending upload and how to send each file. */
public record UploadInstructions(
        String message,
        String pendingUploadId,
        FileUploadInstructions primaryFile,
        List<FileUploadInstructions> expansionFiles) {
    public UploadInstructions {
        expansionFiles = expansionFiles == null ? List.of() : List.copyOf(expansionFiles);
    }
}
