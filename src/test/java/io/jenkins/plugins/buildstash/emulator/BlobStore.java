package io.jenkins.plugins.buildstash.emulator;

import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Collection;
import java.util.Comparator;
import java.util.stream.Stream;

/**
 * Where received bodies go: streamed to disk with a large buffer (never held in memory), with the ETag computed on the
 * way. Without bytes kept ({@code --no-store}, for benchmarks) only the size and ETag remain.
 */
final class BlobStore implements AutoCloseable {

    private static final int BUFFER = 256 * 1024;

    private final Path directory;
    private final boolean ownsDirectory;
    private final boolean keepBytes;
    private final EtagMode etagMode;

    /** @param directory where to keep bytes; null for a temporary directory that {@link #close()} deletes */
    BlobStore(Path directory, boolean keepBytes, EtagMode etagMode) throws IOException {
        this.ownsDirectory = directory == null;
        this.directory = ownsDirectory
                ? Files.createTempDirectory("buildstash-emulator-")
                : Files.createDirectories(directory);
        this.keepBytes = keepBytes;
        this.etagMode = etagMode;
    }

    /**
     * Reads exactly {@code length} bytes from {@code body} into a new blob.
     *
     * @throws EOFException when the body ends early; nothing is kept then
     */
    Blob receive(InputStream body, long length) throws IOException {
        Path file = keepBytes ? Files.createTempFile(directory, "blob-", ".bin") : null;
        EtagMode.Digest digest = etagMode.start();
        try (OutputStream out = file == null ? OutputStream.nullOutputStream() : Files.newOutputStream(file)) {
            byte[] buffer = new byte[BUFFER];
            long remaining = length;
            while (remaining > 0) {
                int n = body.read(buffer, 0, (int) Math.min(buffer.length, remaining));
                if (n < 0) {
                    throw new EOFException("body ended " + remaining + " bytes early");
                }
                digest.update(buffer, 0, n);
                out.write(buffer, 0, n);
                remaining -= n;
            }
        } catch (IOException | RuntimeException e) {
            if (file != null) {
                Files.deleteIfExists(file);
            }
            throw e;
        }
        return new Blob(file, length, digest.etag(length));
    }

    void delete(Blob blob) {
        if (blob != null && blob.path() != null) {
            try {
                Files.deleteIfExists(blob.path());
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
    }

    void deleteAll(Collection<Blob> blobs) {
        blobs.forEach(this::delete);
    }

    @Override
    public void close() throws IOException {
        if (!ownsDirectory || !Files.exists(directory)) {
            return;
        }
        try (Stream<Path> paths = Files.walk(directory)) {
            for (Path path : paths.sorted(Comparator.reverseOrder()).toList()) {
                Files.deleteIfExists(path);
            }
        }
    }
}
