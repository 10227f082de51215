package io.jenkins.plugins.buildstash.emulator;

import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;

/**
 * An upload between {@code /upload/request} and verify or abort: a build upload (primary file, optional expansion) or
 * a metadata artifact upload. Parallel part PUTs record their bodies here concurrently; every transition holds this
 * object's lock, so a part that lands after an abort is refused rather than leaked.
 */
final class PendingUpload {

    enum Kind {
        BUILD,
        METADATA
    }

    enum Status {
        OPEN,
        VERIFIED,
        ABORTED
    }

    /** One {@code multipart_chunks} entry of a verify request. */
    record Chunk(int partNumber, String etag) {}

    private final String id;
    private final Kind kind;
    private final String applicationId;
    private final BuildDraft draft;
    private final String targetBuildId;
    private final List<PendingFile> files;
    private final Instant createdAt;
    private final Map<String, Blob> singles = new TreeMap<>();
    private final Map<String, Map<Integer, Blob>> parts = new TreeMap<>();
    private Status status = Status.OPEN;
    private String buildId;

    private PendingUpload(
            String id, Kind kind, String applicationId, BuildDraft draft, String targetBuildId,
            List<PendingFile> files, Instant createdAt) {
        this.id = id;
        this.kind = kind;
        this.applicationId = applicationId;
        this.draft = draft;
        this.targetBuildId = targetBuildId;
        this.files = List.copyOf(files);
        this.createdAt = createdAt;
    }

    static PendingUpload forBuild(
            String id, String applicationId, BuildDraft draft, List<PendingFile> files, Instant createdAt) {
        return new PendingUpload(id, Kind.BUILD, applicationId, draft, null, files, createdAt);
    }

    static PendingUpload forMetadata(
            String id, String applicationId, String buildId, PendingFile file, Instant createdAt) {
        return new PendingUpload(id, Kind.METADATA, applicationId, null, buildId, List.of(file), createdAt);
    }

    String id() {
        return id;
    }

    Kind kind() {
        return kind;
    }

    String applicationId() {
        return applicationId;
    }

    BuildDraft draft() {
        return draft;
    }

    /** The build a metadata upload attaches to. */
    String targetBuildId() {
        return targetBuildId;
    }

    List<PendingFile> files() {
        return files;
    }

    Instant createdAt() {
        return createdAt;
    }

    PendingFile file(String key) {
        return files.stream().filter(f -> f.key().equals(key)).findFirst().orElse(null);
    }

    synchronized Status status() {
        return status;
    }

    /** The build this upload became; null until verified. */
    synchronized String buildId() {
        return buildId;
    }

    /**
     * Records a received body for a file (part 0 = the single PUT). Re-uploading a part replaces it: the last ETag wins.
     *
     * @return the body it replaced, for the caller to delete; null if none
     * @throws IllegalStateException when the upload is no longer open (the caller deletes {@code blob})
     */
    synchronized Blob accept(PendingFile file, int partNumber, Blob blob) {
        if (status != Status.OPEN) {
            throw new IllegalStateException("upload " + status.name().toLowerCase(java.util.Locale.ROOT));
        }
        if (partNumber == 0) {
            return singles.put(file.key(), blob);
        }
        return parts.computeIfAbsent(file.key(), k -> new TreeMap<>()).put(partNumber, blob);
    }

    /** How many part bodies have been received so far, over all files. */
    synchronized int receivedParts() {
        return parts.values().stream().mapToInt(Map::size).sum();
    }

    /**
     * Checks that every file arrived, and for chunked files that {@code chunks} lists each part exactly once with the
     * ETag storage returned (compared verbatim, quotes included). Chunked expansion parts follow the primary's in the
     * same list, as the official clients send them (brief G4). On success the upload is closed.
     *
     * @return each file's assembled content, in file order
     * @throws ApiError 400 naming the file, part or ETag that is wrong
     */
    synchronized List<StoredObject> verify(List<Chunk> chunks) {
        requireOpen();
        List<PendingFile> chunkedFiles = files.stream().filter(PendingFile::chunked).toList();
        int expected = chunkedFiles.stream().mapToInt(PendingFile::partCount).sum();
        if (expected > 0 && chunks.size() != expected) {
            throw ApiError.badRequest("multipart_chunks lists " + chunks.size() + " part(s), but this upload has "
                    + expected + ": " + describeParts(chunkedFiles) + ", in that order.");
        }
        int offset = 0;
        for (PendingFile file : chunkedFiles) {
            checkParts(file, chunks.subList(offset, offset + file.partCount()));
            offset += file.partCount();
        }
        List<StoredObject> contents = new ArrayList<>();
        for (PendingFile file : files) {
            if (file.chunked()) {
                contents.add(new StoredObject(List.copyOf(parts.get(file.key()).values())));
            } else {
                Blob single = singles.get(file.key());
                if (single == null) {
                    throw ApiError.badRequest("The file " + file.filename() + " has not been uploaded.");
                }
                contents.add(new StoredObject(List.of(single)));
            }
        }
        status = Status.VERIFIED;
        return contents;
    }

    synchronized void recordBuild(String id) {
        this.buildId = id;
    }

    /**
     * Closes the upload as aborted.
     *
     * @return every body it had received, for the caller to delete
     */
    synchronized List<Blob> abort() {
        requireOpen();
        status = Status.ABORTED;
        List<Blob> received = new ArrayList<>(singles.values());
        parts.values().forEach(byNumber -> received.addAll(byNumber.values()));
        singles.clear();
        parts.clear();
        return received;
    }

    private void requireOpen() {
        if (status == Status.VERIFIED) {
            throw ApiError.badRequest("This upload has already been verified.");
        }
        if (status == Status.ABORTED) {
            throw ApiError.badRequest("This upload has been aborted.");
        }
    }

    private void checkParts(PendingFile file, List<Chunk> chunks) {
        Map<Integer, Blob> received = parts.getOrDefault(file.key(), Map.of());
        Set<Integer> seen = new HashSet<>();
        for (Chunk chunk : chunks) {
            int number = chunk.partNumber();
            if (number < 1 || number > file.partCount()) {
                throw ApiError.badRequest("PartNumber " + number + " is out of range for " + file.filename()
                        + ", which has parts 1 to " + file.partCount() + ".");
            }
            if (!seen.add(number)) {
                throw ApiError.badRequest("Part " + number + " of " + file.filename() + " is listed twice.");
            }
            Blob blob = received.get(number);
            if (blob == null) {
                throw ApiError.badRequest("Part " + number + " of " + file.filename() + " was never uploaded.");
            }
            if (!blob.etag().equals(chunk.etag())) {
                throw ApiError.badRequest("The ETag for part " + number + " of " + file.filename()
                        + " does not match the uploaded part.");
            }
        }
    }

    private static String describeParts(List<PendingFile> chunkedFiles) {
        List<String> descriptions = new ArrayList<>();
        for (PendingFile file : chunkedFiles) {
            descriptions.add(file.partCount() + " for " + file.filename());
        }
        return String.join(", then ", descriptions);
    }
}
