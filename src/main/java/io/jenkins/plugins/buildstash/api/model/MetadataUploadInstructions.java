package io.jenkins.plugins.buildstash.api.model;

/** Where to PUT one metadata artifact, and the id to verify it with afterwards. */
public record MetadataUploadInstructions(
        String message, String metadataPendingUploadId, PresignedRequest presignedUploadData) {}
