package io.jenkins.plugins.buildstash.api.model;

import io.jenkins.plugins.buildstash.api.Redact;
import java.io.Serializable;
import java.util.Map;

/** A presigned storage PUT: the URL (a write capability, never logged) and the headers that were signed with it. */
public record PresignedRequest(String url, Map<String, String> headers) implements Serializable {
    public PresignedRequest {
        headers = headers == null ? Map.of() : Map.copyOf(headers);
    }

    @Override
    public String toString() {
        return "PresignedRequest[" + Redact.url(url) + ", headers=" + headers.keySet() + "]";
    }
}
