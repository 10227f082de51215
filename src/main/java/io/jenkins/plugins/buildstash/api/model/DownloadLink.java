package io.jenkins.plugins.buildstash.api.model;

import io.jenkins.plugins.buildstash.api.Redact;

/** A temporary storage URL for one file. Fetch it with a plain GET and no API key; the URL itself is a secret. */
public record DownloadLink(String tempUrl, String filename, Long sizeBytes) {
    @Override
    public String toString() {
        return "DownloadLink[" + filename + ", " + sizeBytes + " bytes, " + Redact.url(tempUrl) + "]";
    }
}
