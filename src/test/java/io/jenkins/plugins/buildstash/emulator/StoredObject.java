package io.jenkins.plugins.buildstash.emulator;

import java.io.IOException;
import java.io.InputStream;
import java.io.SequenceInputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.security.DigestInputStream;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HexFormat;
import java.util.List;

/**
 * A stored file assembled from its received bodies, in order: one for a single PUT, the parts for a multipart upload.
 * Assembly is logical (the parts are not copied), so verify stays cheap for a 5 GiB upload; the SHA-256 is computed
 * on first request and cached.
 */
final class StoredObject {

    private final List<Blob> segments;
    private final long size;
    private String sha256;

    StoredObject(List<Blob> segments) {
        this.segments = List.copyOf(segments);
        this.size = segments.stream().mapToLong(Blob::size).sum();
    }

    long size() {
        return size;
    }

    List<Blob> segments() {
        return segments;
    }

    /** False when the emulator runs without keeping bytes: the sizes and ETags are known, the content is not. */
    boolean hasBytes() {
        return segments.stream().allMatch(segment -> segment.path() != null);
    }

    InputStream open() throws IOException {
        List<InputStream> streams = new ArrayList<>();
        for (Blob segment : segments) {
            streams.add(Files.newInputStream(segment.path()));
        }
        return new SequenceInputStream(Collections.enumeration(streams));
    }

    /** The lowercase hex SHA-256 of the assembled bytes; null without bytes. */
    synchronized String sha256() {
        if (sha256 == null && hasBytes()) {
            try (InputStream in = new DigestInputStream(open(), newSha256())) {
                MessageDigest digest = ((DigestInputStream) in).getMessageDigest();
                in.transferTo(java.io.OutputStream.nullOutputStream());
                sha256 = HexFormat.of().formatHex(digest.digest());
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
        return sha256;
    }

    private static MessageDigest newSha256() {
        try {
            return MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every JDK has SHA-256", e);
        }
    }
}
