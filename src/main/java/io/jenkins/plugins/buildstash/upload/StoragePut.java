package io.jenkins.plugins.buildstash.upload;

import io.jenkins.plugins.buildstash.api.Failure;
import io.jenkins.plugins.buildstash.api.Redact;
import java.io.IOException;
import java.net.Socket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.LongConsumer;

/**
 * One PUT of a byte range to a presigned URL. There is no fixed timeout, which would cut long uploads short: a
 * watchdog cancels the PUT when no byte has moved, or no answer has come, for {@code stallTimeout}.
 */
final class StoragePut {

    /** Headers the JDK client sets itself from the request and refuses to take from us. */
    private static final Set<String> CLIENT_MANAGED = Set.of("content-length", "host", "connection", "expect");

    private final HttpClient http;
    private final ScheduledExecutorService watchdog;
    private final Duration stallTimeout;
    private final FileRangePublisher.ChunkPool chunks = FileRangePublisher.ChunkPool.SHARED;
    private final ByteExactPut byteExact;

    StoragePut(HttpClient http, ScheduledExecutorService watchdog, TransferSettings settings) {
        this.http = http;
        this.watchdog = watchdog;
        this.stallTimeout = settings.stallTimeout();
        this.byteExact = new ByteExactPut(settings.proxy(), settings.connectTimeout());
    }

    /**
     * @param what names the transfer in messages, e.g. "part 3 of 21 of game.pak"
     * @param onBytes told of bytes handed to the client; told the negative total when this attempt fails
     * @return the ETag storage returned, verbatim (quotes included), or null when it sent none
     */
    String put(String url, Map<String, String> headers, Path file, long offset, long length, boolean expectContinue,
            String what, LongConsumer onBytes) throws StorageException, InterruptedException {
        if (!SignedHeaders.ascii(headers)) {
            return putByteExact(url, headers, file, offset, length, what, onBytes);
        }
        AtomicLong lastProgress = new AtomicLong(System.nanoTime());
        AtomicLong sent = new AtomicLong();
        FileRangePublisher body = new FileRangePublisher(file, offset, length, chunks, n -> {
            sent.addAndGet(n);
            lastProgress.set(System.nanoTime());
            onBytes.accept(n);
        });
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(url)).PUT(body).expectContinue(expectContinue);
        headers.forEach((name, value) -> {
            if (!CLIENT_MANAGED.contains(name.toLowerCase(Locale.ROOT))) {
                request.header(name, value);
            }
        });
        String operation = "PUT " + Redact.url(url);
        long stallNanos = stallTimeout.toNanos();
        StallAlarm alarm = new StallAlarm(Thread.currentThread());
        // A blocking send on this thread, not sendAsync: sendAsync completes its future through the JVM's async pool,
        // which on a machine of 2 CPUs starts a new thread for every PUT (docs/performance.md, fixed cost). A stall is
        // cut by failing the body while it is sent, and by interrupting this thread while the answer is awaited.
        ScheduledFuture<?> guard = watchdog.scheduleAtFixedRate(() -> {
            if (System.nanoTime() - lastProgress.get() > stallNanos) {
                alarm.ring(() -> body.abort(new IOException("no progress for " + stallTimeout.toSeconds() + " s")));
            }
        }, 1, 1, TimeUnit.SECONDS);
        try {
            HttpResponse<String> response =
                    http.send(request.build(), HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
            int status = response.statusCode();
            if (status >= 200 && status < 300) {
                return response.headers().firstValue("ETag").orElse(null);
            }
            throw refused(response, what, operation);
        } catch (InterruptedException e) {
            onBytes.accept(-sent.get());
            if (alarm.silence()) {
                throw stalled(what, url, operation);
            }
            body.abort(new IOException("interrupted"));
            throw e;
        } catch (StorageException e) {
            onBytes.accept(-sent.get());
            throw e;
        } catch (IOException e) {
            onBytes.accept(-sent.get());
            if (alarm.silence()) {
                throw stalled(what, url, operation);
            }
            throw networkFailure(e, what, url, operation, stallNanos, lastProgress);
        } finally {
            guard.cancel(false);
            alarm.silenceAndClear();
            body.release();
        }
    }

    /** The same exchange on a connection of its own, for signed header values the JDK client would alter. */
    private String putByteExact(String url, Map<String, String> headers, Path file, long offset, long length,
            String what, LongConsumer onBytes) throws StorageException, InterruptedException {
        AtomicLong lastProgress = new AtomicLong(System.nanoTime());
        AtomicLong sent = new AtomicLong();
        AtomicReference<Socket> connection = new AtomicReference<>();
        AtomicBoolean stalled = new AtomicBoolean();
        Thread sender = Thread.currentThread();
        long stallNanos = stallTimeout.toNanos();
        String operation = "PUT " + Redact.url(url);
        // Socket reads and writes do not heed interrupts: closing the socket is what ends them.
        ScheduledFuture<?> guard = watchdog.scheduleAtFixedRate(() -> {
            boolean stall = System.nanoTime() - lastProgress.get() > stallNanos;
            if (stall || sender.isInterrupted()) {
                stalled.compareAndSet(false, stall);
                closeQuietly(connection.get());
            }
        }, 1, 1, TimeUnit.SECONDS);
        try {
            ByteExactPut.Answer answer = byteExact.put(URI.create(url), headers, file, offset, length, connection::set,
                    n -> {
                        sent.addAndGet(n);
                        lastProgress.set(System.nanoTime());
                        onBytes.accept(n);
                    });
            if (answer.status() >= 200 && answer.status() < 300) {
                return answer.headers().firstValue("ETag").orElse(null);
            }
            onBytes.accept(-sent.get());
            throw StorageException.refused(answer.status(), answer.headers(), answer.body(), what, operation,
                    StorageException.Url.PRESIGNED_PUT);
        } catch (StorageException e) {
            throw e;
        } catch (IOException e) {
            onBytes.accept(-sent.get());
            if (Thread.interrupted()) {
                throw new InterruptedException("interrupted while sending " + what);
            }
            if (stalled.get()) {
                throw stalled(what, url, operation);
            }
            throw StorageException.networkFailure(e, what, url, operation);
        } finally {
            guard.cancel(false);
        }
    }

    private StorageException stalled(String what, String url, String operation) {
        return new StorageException("Storage made no progress on " + what + " for " + stallTimeout.toSeconds() + " s ("
                + Redact.url(url) + ")", operation, Failure.of(Failure.Type.TIMED_OUT), false);
    }

    private static void closeQuietly(Socket socket) {
        if (socket != null) {
            try {
                socket.close();
            } catch (IOException ignored) {
                // closing is all that was wanted
            }
        }
    }

    private StorageException networkFailure(IOException cause, String what, String url, String operation, long stallNanos,
            AtomicLong lastProgress) {
        if (System.nanoTime() - lastProgress.get() > stallNanos) {
            return stalled(what, url, operation);
        }
        return StorageException.networkFailure(cause, what, url, operation);
    }

    private static StorageException refused(HttpResponse<String> response, String what, String operation) {
        return StorageException.refused(response.statusCode(), response.headers(),
                response.body() == null ? "" : response.body(), what, operation, StorageException.Url.PRESIGNED_PUT);
    }
}
