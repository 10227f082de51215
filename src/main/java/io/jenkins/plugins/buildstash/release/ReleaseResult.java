package io.jenkins.plugins.buildstash.release;

import io.jenkins.plugins.buildstash.api.model.Build;
import io.jenkins.plugins.buildstash.api.model.FileInfo;
import io.jenkins.plugins.buildstash.api.model.Label;
import io.jenkins.plugins.buildstash.api.model.Release;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A fetched release as plain values: what the Pipeline step returns ({@link #asMap()}) and the build page records.
 * URLs are as Buildstash returned them; {@code webUrl} is null because the API sends no link to a release's page yet.
 *
 * @param downloaded the files written, empty when nothing was downloaded
 * @param targetFolder the folder they went to, null when nothing was downloaded
 */
public record ReleaseResult(
        String applicationId,
        String id,
        String version,
        String versionShort,
        String title,
        String notes,
        List<String> labels,
        String createdAt,
        String webUrl,
        List<BuildSummary> builds,
        List<DownloadedFile> downloaded,
        String targetFolder) {

    /** A build of the release. {@code buildInfoUrl} is its page in the Buildstash web app (a login is needed). */
    public record BuildSummary(
            String id, String platform, String stream, String version, String buildInfoUrl, List<FileSummary> files) {
        public BuildSummary {
            files = List.copyOf(files);
        }
    }

    /** @param role {@code primary} or {@code expansion} */
    public record FileSummary(String role, String name, long size) {}

    public ReleaseResult {
        labels = List.copyOf(labels);
        builds = List.copyOf(builds);
        downloaded = List.copyOf(downloaded);
    }

    public static ReleaseResult of(SelectedRelease selected, List<DownloadedFile> downloaded, String targetFolder) {
        Release r = selected.release();
        List<String> labels = new ArrayList<>();
        if (r.labels() != null) {
            for (Label label : r.labels()) {
                labels.add(label.name());
            }
        }
        List<BuildSummary> builds = new ArrayList<>();
        if (r.builds() != null) {
            for (Build b : r.builds()) {
                List<FileSummary> files = new ArrayList<>();
                if (b.primaryFile() != null) {
                    files.add(file("primary", b.primaryFile()));
                }
                if (b.expansionFiles() != null) {
                    b.expansionFiles().forEach(f -> files.add(file("expansion", f)));
                }
                builds.add(new BuildSummary(b.id(), ReleaseDownloader.platformOf(b),
                        b.stream() == null ? null : b.stream().name(), b.version(), b.modalUrl(), files));
            }
        }
        return new ReleaseResult(selected.applicationId(), r.id(), r.version(), r.versionShort(), r.title(), r.notes(),
                labels, r.createdAt(), r.modalUrl(), builds, downloaded, downloaded.isEmpty() ? null : targetFolder);
    }

    private static FileSummary file(String role, FileInfo info) {
        return new FileSummary(role, info.filename(), info.sizeBytes());
    }

    public long downloadedBytes() {
        return downloaded.stream().mapToLong(DownloadedFile::size).sum();
    }

    /** The value the Pipeline step returns: plain maps, lists, strings, numbers and booleans only. */
    public Map<String, Object> asMap() {
        Map<String, Object> map = new LinkedHashMap<>();
        map.put("id", id);
        map.put("applicationId", applicationId);
        map.put("version", version);
        map.put("versionShort", versionShort);
        map.put("title", title);
        map.put("notes", notes);
        map.put("labels", new ArrayList<>(labels));
        map.put("createdAt", createdAt);
        map.put("webUrl", webUrl);
        map.put("buildCount", builds.size());
        List<Map<String, Object>> buildMaps = new ArrayList<>();
        for (BuildSummary b : builds) {
            Map<String, Object> m = new LinkedHashMap<>();
            m.put("id", b.id());
            m.put("platform", b.platform());
            m.put("stream", b.stream());
            m.put("version", b.version());
            m.put("buildInfoUrl", b.buildInfoUrl());
            List<Map<String, Object>> files = new ArrayList<>();
            for (FileSummary f : b.files()) {
                Map<String, Object> fm = new LinkedHashMap<>();
                fm.put("role", f.role());
                fm.put("name", f.name());
                fm.put("size", f.size());
                files.add(fm);
            }
            m.put("files", files);
            buildMaps.add(m);
        }
        map.put("builds", buildMaps);
        List<Map<String, Object>> downloadedMaps = new ArrayList<>();
        for (DownloadedFile f : downloaded) {
            Map<String, Object> m = new LinkedHashMap<>();
            m.put("buildId", f.buildId());
            m.put("platform", f.platform());
            m.put("role", f.role());
            m.put("name", f.name());
            m.put("path", f.path());
            m.put("size", f.size());
            downloadedMaps.add(m);
        }
        map.put("downloaded", downloadedMaps);
        map.put("targetFolder", targetFolder);
        return map;
    }
}
