package io.jenkins.plugins.buildstash.release;

import io.jenkins.plugins.buildstash.upload.Sizes;
import io.jenkins.plugins.buildstash.upload.TransferSettings;
import java.util.Locale;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Consumer;

/**
 * Progress of one download: a line at most every {@code progressInterval} for files above the quiet threshold, and a
 * summary at the end, as uploads report theirs.
 */
final class DownloadProgress {

    private final String name;
    private final long size;
    private final long intervalNanos;
    private final boolean quiet;
    private final Consumer<String> log;
    private final long start = System.nanoTime();
    private final AtomicLong received = new AtomicLong();
    private final AtomicInteger retries = new AtomicInteger();
    private volatile long lastLine = start;

    DownloadProgress(String name, long size, TransferSettings settings, Consumer<String> log) {
        this.name = name;
        this.size = size;
        this.intervalNanos = settings.progressInterval().toNanos();
        this.quiet = size < settings.quietBelowBytes();
        this.log = log;
    }

    void add(long bytes) {
        received.addAndGet(bytes);
    }

    void retried() {
        retries.incrementAndGet();
    }

    int retries() {
        return retries.get();
    }

    long elapsedMillis() {
        return (System.nanoTime() - start) / 1_000_000;
    }

    /** Called every second or so; prints when a line is due. */
    void tick() {
        long now = System.nanoTime();
        if (quiet || size <= 0 || now - lastLine < intervalNanos) {
            return;
        }
        lastLine = now;
        long done = Math.max(0, Math.min(received.get(), size));
        long millis = (now - start) / 1_000_000;
        String left = "";
        if (done > 0 && millis > 0) {
            left = ", " + Sizes.duration((long) ((size - done) * (double) millis / done)) + " left";
        }
        log.accept(String.format(Locale.ROOT, "%s: %d%% (%s of %s) at %s%s", name, done * 100 / size,
                Sizes.bytes(done), Sizes.bytes(size), Sizes.rate(done, millis), left));
    }

    void summary(long bytes) {
        long millis = elapsedMillis();
        int r = retries.get();
        log.accept("Downloaded " + name + " (" + Sizes.bytes(bytes) + ") in " + Sizes.duration(millis) + " at "
                + Sizes.rate(bytes, millis) + (r == 0 ? "" : ", " + r + (r == 1 ? " retry" : " retries")));
    }
}
