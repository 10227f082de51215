package io.jenkins.plugins.buildstash.release;

import io.jenkins.plugins.buildstash.api.Failure;
import io.jenkins.plugins.buildstash.api.Redact;
import io.jenkins.plugins.buildstash.upload.StallAlarm;
import io.jenkins.plugins.buildstash.upload.StorageException;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.ByteBuffer;
import java.nio.channels.ClosedByInterruptException;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Duration;
import java.util.List;
import java.util.OptionalLong;
import java.util.concurrent.Flow;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.LongConsumer;

/**
 * One GET of a temporary URL into a {@code .part} file: a plain GET with no {@code Authorization} (the signature is in
 * the URL), streamed chunk by chunk as the HTTP client receives them (one chunk asked for ahead, so memory stays flat),
 * the byte count checked against the announced size. There is no fixed timeout, which would cut large files short: a
 * watchdog cancels the GET when no byte has arrived for {@code stallTimeout}.
 */
final class StorageGet {

    private static final int ERROR_BODY_BYTES = 4096;

    private final HttpClient http;
    private final ScheduledExecutorService watchdog;
    private final Duration stallTimeout;

    StorageGet(HttpClient http, ScheduledExecutorService watchdog, Duration stallTimeout) {
        this.http = http;
        this.watchdog = watchdog;
        this.stallTimeout = stallTimeout;
    }

    /**
     * Writes the body to {@code part}, replacing what an earlier attempt left there.
     *
     * @param expected the announced size, or -1 when unknown
     * @param what names the file in messages, e.g. "buildstash-release/android/app.apk"
     * @param onBytes told of bytes written; told the negative total when this attempt fails
     * @return the number of bytes written
     * @throws StorageException when storage refused or the transfer failed; its failure type tells the retry policy
     * @throws IOException when the file could not be written (not retried: the disk will not get better)
     */
    long fetch(String url, Path part, long expected, String what, LongConsumer onBytes)
            throws IOException, InterruptedException {
        Files.deleteIfExists(part);
        String operation = "GET " + Redact.url(url);
        AtomicLong lastProgress = new AtomicLong(System.nanoTime());
        BodyChunks body = new BodyChunks();
        HttpRequest request = HttpRequest.newBuilder(URI.create(url)).GET().build();
        long stallNanos = stallTimeout.toNanos();
        StallAlarm alarm = new StallAlarm(Thread.currentThread());
        // A blocking send on this thread, not sendAsync, whose future completes through the JVM's async pool: on a
        // machine of 2 CPUs that pool starts a thread for every exchange. A stall is cut by interrupting this thread
        // while the answer is awaited, and by failing the body while it is read.
        ScheduledFuture<?> guard = watchdog.scheduleAtFixedRate(() -> {
            if (System.nanoTime() - lastProgress.get() > stallNanos) {
                alarm.ring(() -> body.abort(new IOException("no progress for " + stallTimeout.toSeconds() + " s")));
            }
        }, 1, 1, TimeUnit.SECONDS);
        long[] received = {0};
        try {
            HttpResponse<Flow.Publisher<List<ByteBuffer>>> response;
            try {
                response = http.send(request, HttpResponse.BodyHandlers.ofPublisher());
            } catch (IOException e) {
                throw networkFailure(e, what, url, operation, alarm.rang());
            }
            response.body().subscribe(body);
            lastProgress.set(System.nanoTime());
            if (response.statusCode() != 200) {
                throw refused(response, body, what, operation);
            }
            OptionalLong length = response.headers().firstValueAsLong("Content-Length");
            if (expected >= 0 && length.isPresent() && length.getAsLong() != expected) {
                // The stored object and Buildstash's record of it disagree: the same answer would come again.
                throw new StorageException("Storage announced " + length.getAsLong() + " bytes for " + what
                        + ", but Buildstash said the file has " + expected + ": the stored file is not the one Buildstash"
                        + " describes, and fetching it again cannot change that. Tell Buildstash about this build",
                        operation, Failure.of(Failure.Type.PERMANENT), false);
            }
            copy(body, part, expected, what, url, operation, alarm, lastProgress, received, onBytes);
            if (expected >= 0 && received[0] != expected) {
                throw new StorageException("Storage sent only " + received[0] + " of the " + expected + " bytes of "
                        + what + ": the transfer was cut short", operation, Failure.of(Failure.Type.CONNECTION_LOST),
                        false);
            }
            return received[0];
        } catch (InterruptedException e) {
            onBytes.accept(-received[0]);
            if (alarm.silence()) {
                throw stalled(what, url, operation);
            }
            throw e;
        } catch (IOException e) {
            onBytes.accept(-received[0]);
            throw e;
        } finally {
            guard.cancel(false);
            alarm.silenceAndClear();
            // Releases the connection if the body was not read to its end; nothing more arrives after this.
            body.abort(new IOException("done"));
        }
    }

    private void copy(BodyChunks body, Path part, long expected, String what, String url, String operation,
            StallAlarm alarm, AtomicLong lastProgress, long[] received, LongConsumer onBytes)
            throws IOException, InterruptedException {
        // CREATE_NEW and NOFOLLOW_LINKS: never write through a link someone left at the .part name.
        try (FileChannel out = FileChannel.open(part, StandardOpenOption.CREATE_NEW, StandardOpenOption.WRITE,
                LinkOption.NOFOLLOW_LINKS)) {
            while (true) {
                List<ByteBuffer> chunk;
                try {
                    chunk = body.next();
                } catch (IOException e) {
                    if (alarm.rang()) {
                        throw stalled(what, url, operation);
                    }
                    throw networkFailure(e, what, url, operation, false);
                }
                if (chunk == null) {
                    return;
                }
                for (ByteBuffer buffer : chunk) {
                    int n = buffer.remaining();
                    if (expected >= 0 && received[0] + n > expected) {
                        throw new StorageException("Storage sent more than the " + expected + " bytes Buildstash"
                                + " announced for " + what + ": the stored file is not the one Buildstash describes,"
                                + " and fetching it again cannot change that. Tell Buildstash about this build",
                                operation, Failure.of(Failure.Type.PERMANENT), false);
                    }
                    write(out, buffer, part);
                    received[0] += n;
                    lastProgress.set(System.nanoTime());
                    onBytes.accept(n);
                }
                if (Thread.interrupted()) {
                    throw new InterruptedException("interrupted while downloading " + what);
                }
            }
        }
    }

    private static void write(FileChannel out, ByteBuffer bytes, Path part) throws IOException, InterruptedException {
        try {
            while (bytes.hasRemaining()) {
                out.write(bytes);
            }
        } catch (ClosedByInterruptException e) {
            Thread.interrupted();
            throw new InterruptedException("interrupted while writing " + part);
        } catch (IOException e) {
            throw new ReleaseException("Could not write " + part + ": " + e, e);
        }
    }

    private StorageException stalled(String what, String url, String operation) {
        return new StorageException("Storage sent nothing for " + what + " for " + stallTimeout.toSeconds() + " s ("
                + Redact.url(url) + ")", operation, Failure.of(Failure.Type.TIMED_OUT), false);
    }

    private StorageException networkFailure(Throwable cause, String what, String url, String operation,
            boolean stalled) {
        return stalled ? stalled(what, url, operation) : StorageException.networkFailure(cause, what, url, operation);
    }

    private static StorageException refused(HttpResponse<?> response, BodyChunks chunks, String what,
            String operation) throws InterruptedException {
        int status = response.statusCode();
        byte[] head = new byte[ERROR_BODY_BYTES];
        int length = 0;
        try {
            for (List<ByteBuffer> chunk = chunks.next(); chunk != null && length < head.length; chunk = chunks.next()) {
                for (ByteBuffer b : chunk) {
                    int n = Math.min(b.remaining(), head.length - length);
                    b.get(head, length, n);
                    length += n;
                }
            }
        } catch (IOException e) {
            // The status says enough.
        }
        return StorageException.refused(status, response.headers(), new String(head, 0, length, StandardCharsets.UTF_8),
                what, operation, StorageException.Url.TEMPORARY_GET);
    }
}
