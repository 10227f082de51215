package io.jenkins.plugins.buildstash.upload;

import java.util.List;

/**
 * One upload: the primary file, an optional expansion file (Android OBB), metadata artifacts, what to tell Buildstash
 * and how to send the bytes.
 */
public record UploadSpec(
        LocalFile primary, LocalFile expansion, List<MetadataFile> metadata, UploadOptions options, TransferSettings settings) {

    public UploadSpec {
        metadata = metadata == null ? List.of() : List.copyOf(metadata);
        settings = settings == null ? TransferSettings.defaults() : settings;
    }
}
