package io.jenkins.plugins.buildstash.jenkins.actions;

import io.jenkins.plugins.buildstash.release.DownloadedFile;
import io.jenkins.plugins.buildstash.release.ReleaseResult;
import io.jenkins.plugins.buildstash.upload.Sizes;
import java.util.ArrayList;
import java.util.List;

/**
 * One fetched release as the build page shows it and {@code build.xml} keeps it: strings, numbers and our own classes
 * only, and links only when Buildstash returned an https URL.
 */
public final class ReleaseRecord {

    private final String releaseId;
    private final String applicationId;
    private final String version;
    private final String title;
    private final String notes;
    private final String labels;
    private final String createdAt;
    private final String webUrl;
    private final List<BuildRecord> builds;
    private final String targetFolder;
    private final int downloadedCount;
    private final long downloadedBytes;
    private final long fetchedAt;

    public ReleaseRecord(ReleaseResult result, long fetchedAt) {
        this.releaseId = result.id();
        this.applicationId = result.applicationId();
        this.version = result.version();
        this.title = result.title();
        this.notes = result.notes();
        this.labels = String.join(", ", result.labels());
        this.createdAt = result.createdAt();
        this.webUrl = UploadRecord.httpsOrNull(result.webUrl());
        this.builds = new ArrayList<>();
        for (ReleaseResult.BuildSummary b : result.builds()) {
            List<String> paths = new ArrayList<>();
            for (DownloadedFile f : result.downloaded()) {
                if (f.buildId().equals(b.id())) {
                    paths.add(f.path());
                }
            }
            builds.add(new BuildRecord(b, paths));
        }
        this.targetFolder = result.targetFolder();
        this.downloadedCount = result.downloaded().size();
        this.downloadedBytes = result.downloadedBytes();
        this.fetchedAt = fetchedAt;
    }

    public String getReleaseId() {
        return releaseId;
    }

    public String getApplicationId() {
        return applicationId;
    }

    public String getVersion() {
        return version;
    }

    public String getTitle() {
        return title;
    }

    public String getNotes() {
        return notes;
    }

    public String getLabels() {
        return labels;
    }

    public String getCreatedAt() {
        return createdAt;
    }

    /** Null until the API sends a link to the release's page. */
    public String getWebUrl() {
        return webUrl;
    }

    public List<BuildRecord> getBuilds() {
        return new ArrayList<>(builds);
    }

    public int getBuildCount() {
        return builds.size();
    }

    public String getTargetFolder() {
        return targetFolder;
    }

    public int getDownloadedCount() {
        return downloadedCount;
    }

    public long getDownloadedBytes() {
        return downloadedBytes;
    }

    public String getDownloadedSizeText() {
        return Sizes.bytes(downloadedBytes);
    }

    public long getFetchedAt() {
        return fetchedAt;
    }

    /** A build of the release. */
    public static final class BuildRecord {
        private final String id;
        private final String platform;
        private final String stream;
        private final String version;
        private final String buildInfoUrl;
        private final String files;
        private final long size;
        private final String downloadedTo;

        BuildRecord(ReleaseResult.BuildSummary build, List<String> paths) {
            this.id = build.id();
            this.platform = build.platform();
            this.stream = build.stream();
            this.version = build.version();
            this.buildInfoUrl = UploadRecord.httpsOrNull(build.buildInfoUrl());
            List<String> names = new ArrayList<>();
            long total = 0;
            for (ReleaseResult.FileSummary f : build.files()) {
                names.add(f.name());
                total += f.size();
            }
            this.files = String.join(", ", names);
            this.size = total;
            this.downloadedTo = paths.isEmpty() ? null : String.join(", ", paths);
        }

        public String getId() {
            return id;
        }

        public String getPlatform() {
            return platform;
        }

        public String getStream() {
            return stream;
        }

        public String getVersion() {
            return version;
        }

        public String getBuildInfoUrl() {
            return buildInfoUrl;
        }

        public String getFiles() {
            return files;
        }

        public long getSizeBytes() {
            return size;
        }

        public String getSizeText() {
            return Sizes.bytes(size);
        }

        /** The downloaded files' paths from the workspace, or null when none were downloaded. */
        public String getDownloadedTo() {
            return downloadedTo;
        }
    }
}
