package io.jenkins.plugins.buildstash.emulator;

import java.io.EOFException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.StandardOpenOption;
import java.util.Arrays;
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
    private static final byte[] ZEROS = new byte[BUFFER];

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
        try (FileChannel out = file == null ? null : FileChannel.open(file, StandardOpenOption.WRITE)) {
            byte[] buffer = new byte[BUFFER];
            long position = 0;
            while (position < length) {
                int n = body.read(buffer, 0, (int) Math.min(buffer.length, length - position));
                if (n < 0) {
                    throw new EOFException("body ended " + (length - position) + " bytes early");
                }
                digest.update(buffer, 0, n);
                // Runs of zeros become holes: uploads of sparse test files (over 4 GiB) then cost no disk writes.
                if (out != null && Arrays.mismatch(buffer, 0, n, ZEROS, 0, n) >= 0) {
                    ByteBuffer chunk = ByteBuffer.wrap(buffer, 0, n);
                    while (chunk.hasRemaining()) {
                        out.write(chunk, position + chunk.position());
                    }
                }
                position += n;
            }
            if (out != null && out.size() < length) {
                // Extends the file to its full length when it ends in zeros.
                out.write(ByteBuffer.wrap(new byte[1]), length - 1);
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
