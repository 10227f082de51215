package io.jenkins.plugins.buildstash.api.model;

/** The body of {@code POST /upload/metadata/request}: one of the two ids, the file's name and size (at most 20 MiB). */
public record MetadataUploadRequest(String buildId, String primaryPendingUploadId, String filename, long sizeBytes) {}
