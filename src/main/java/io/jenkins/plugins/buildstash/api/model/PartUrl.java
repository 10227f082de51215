package io.jenkins.plugins.buildstash.api.model;

import io.jenkins.plugins.buildstash.api.Redact;

/** The presigned URL for one part of a multipart upload. The URL is a write capability: never logged. */
public record PartUrl(int partNumber, String partPresignedUrl) {
    @Override
    public String toString() {
        return "PartUrl[part " + partNumber + ", " + Redact.url(partPresignedUrl) + "]";
    }
}
