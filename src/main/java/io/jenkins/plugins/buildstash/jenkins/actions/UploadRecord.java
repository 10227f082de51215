package io.jenkins.plugins.buildstash.jenkins.actions;

import io.jenkins.plugins.buildstash.upload.Sizes;
import io.jenkins.plugins.buildstash.upload.UploadResult;
import java.net.URI;
import java.util.Locale;

/**
 * One upload as the build page shows it and {@code build.xml} keeps it: plain strings and numbers only, and links only
 * when Buildstash returned an https URL (a server-supplied {@code javascript:} link is never rendered).
 */
public final class UploadRecord {

    private final String buildId;
    private final String fileName;
    private final long size;
    private final String expansionName;
    private final int metadataCount;
    private final String version;
    private final String platform;
    private final String stream;
    private final boolean pendingProcessing;
    private final String buildInfoUrl;
    private final String downloadUrl;
    private final long uploadedAt;

    public UploadRecord(UploadResult result, long uploadedAt) {
        this.buildId = result.buildId();
        this.fileName = result.files().get(0).name();
        this.size = result.totalBytes();
        this.expansionName = result.files().size() > 1 ? result.files().get(1).name() : null;
        this.metadataCount = result.metadata().size();
        this.version = result.version();
        this.platform = result.platform();
        this.stream = result.stream();
        this.pendingProcessing = result.pendingProcessing();
        this.buildInfoUrl = httpsOrNull(result.buildInfoUrl());
        this.downloadUrl = httpsOrNull(result.downloadUrl());
        this.uploadedAt = uploadedAt;
    }

    /** The URL if it is an absolute https URL with a host, else null. */
    public static String httpsOrNull(String url) {
        if (url == null) {
            return null;
        }
        try {
            URI uri = new URI(url.trim());
            return "https".equals(uri.getScheme() == null ? null : uri.getScheme().toLowerCase(Locale.ROOT))
                            && uri.getHost() != null
                    ? uri.toString()
                    : null;
        } catch (java.net.URISyntaxException e) {
            return null;
        }
    }

    public String getBuildId() {
        return buildId;
    }

    public String getFileName() {
        return fileName;
    }

    public long getSizeBytes() {
        return size;
    }

    public String getSizeText() {
        return Sizes.bytes(size);
    }

    public String getExpansionName() {
        return expansionName;
    }

    public int getMetadataCount() {
        return metadataCount;
    }

    public String getVersion() {
        return version;
    }

    public String getPlatform() {
        return platform;
    }

    public String getStream() {
        return stream;
    }

    public boolean isPendingProcessing() {
        return pendingProcessing;
    }

    public String getBuildInfoUrl() {
        return buildInfoUrl;
    }

    public String getDownloadUrl() {
        return downloadUrl;
    }

    public long getUploadedAt() {
        return uploadedAt;
    }
}
