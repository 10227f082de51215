package io.jenkins.plugins.buildstash.release;

import io.jenkins.plugins.buildstash.api.Redact;
import java.io.Serializable;

/**
 * One file of a build to fetch: its temporary URL (a secret while it lasts: never logged with its query), the name
 * Buildstash gives it, and the size Buildstash announced.
 *
 * @param role {@code primary}, {@code expansion} or {@code universalApk}
 * @param size the announced size in bytes, or -1 when Buildstash did not say
 */
public record DownloadFile(String role, String name, long size, String url) implements Serializable {

    private static final long serialVersionUID = 1L;

    @Override
    public String toString() {
        return "DownloadFile[" + role + " " + name + ", " + size + " bytes, " + Redact.url(url) + "]";
    }
}
