package io.jenkins.plugins.buildstash.upload;

import java.io.Serializable;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A finished upload: the new build and what went into it. {@code buildInfoUrl} and {@code downloadUrl} are Buildstash
 * web pages (a login is needed), exactly as the API returned them.
 *
 * @param metadataFailures metadata artifacts that could not be attached (the build itself exists), with the reason
 */
public record UploadResult(
        String buildId,
        boolean pendingProcessing,
        String buildInfoUrl,
        String downloadUrl,
        String platform,
        String stream,
        String version,
        List<UploadedFile> files,
        List<UploadedFile> metadata,
        List<String> metadataFailures,
        long elapsedMillis,
        int retries)
        implements Serializable {

    private static final long serialVersionUID = 1L;

    /** A file in the build. {@code id} is set for metadata artifacts. */
    public record UploadedFile(String role, String name, long size, String id) implements Serializable {
        private static final long serialVersionUID = 1L;
    }

    public UploadResult {
        files = List.copyOf(files);
        metadata = List.copyOf(metadata);
        metadataFailures = List.copyOf(metadataFailures);
    }

    public long totalBytes() {
        return files.stream().mapToLong(UploadedFile::size).sum() + metadata.stream().mapToLong(UploadedFile::size).sum();
    }

    /** The value a Pipeline step returns: plain maps, lists, strings, numbers and booleans only. */
    public Map<String, Object> asMap() {
        Map<String, Object> map = new LinkedHashMap<>();
        map.put("buildId", buildId);
        map.put("buildInfoUrl", buildInfoUrl);
        map.put("downloadUrl", downloadUrl);
        map.put("pendingProcessing", pendingProcessing);
        map.put("platform", platform);
        map.put("stream", stream);
        map.put("version", version);
        map.put("files", fileMaps(files));
        map.put("metadataArtifacts", fileMaps(metadata));
        map.put("metadataFailures", new ArrayList<>(metadataFailures));
        map.put("totalBytes", totalBytes());
        return map;
    }

    private static List<Map<String, Object>> fileMaps(List<UploadedFile> files) {
        List<Map<String, Object>> list = new ArrayList<>();
        for (UploadedFile f : files) {
            Map<String, Object> m = new LinkedHashMap<>();
            m.put("role", f.role());
            m.put("name", f.name());
            m.put("size", f.size());
            if (f.id() != null) {
                m.put("id", f.id());
            }
            list.add(m);
        }
        return list;
    }
}
