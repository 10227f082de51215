package io.jenkins.plugins.buildstash.upload;

import io.jenkins.plugins.buildstash.api.Redact;
import java.io.Serializable;

/** A presigned URL for one part. The URL is a write capability: never printed. */
public record PartTarget(int partNumber, String url) implements Serializable {

    private static final long serialVersionUID = 1L;

    @Override
    public String toString() {
        return "PartTarget[part " + partNumber + ", " + Redact.url(url) + "]";
    }
}
