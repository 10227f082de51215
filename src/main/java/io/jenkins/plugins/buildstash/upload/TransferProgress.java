package io.jenkins.plugins.buildstash.upload;

import java.util.Locale;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Consumer;

/**
 * Progress of one file: a line at most every {@code interval} with percent, bytes, throughput and time left, and a
 * summary at the end. Files below the quiet threshold print only the summary.
 */
final class TransferProgress {

    private final String name;
    private final long size;
    private final long intervalNanos;
    private final boolean quiet;
    private final Consumer<String> log;
    private final long start = System.nanoTime();
    private final AtomicLong sent = new AtomicLong();
    private final AtomicInteger retries = new AtomicInteger();
    private volatile long lastLine = start;

    TransferProgress(String name, long size, TransferSettings settings, Consumer<String> log) {
        this.name = name;
        this.size = size;
        this.intervalNanos = settings.progressInterval().toNanos();
        this.quiet = size < settings.quietBelowBytes();
        this.log = log;
    }

    void add(long bytes) {
        sent.addAndGet(bytes);
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
        if (quiet || now - lastLine < intervalNanos) {
            return;
        }
        lastLine = now;
        long done = Math.max(0, Math.min(sent.get(), size));
        long millis = (now - start) / 1_000_000;
        String left = "";
        if (done > 0 && millis > 0) {
            long remainingMillis = (long) ((size - done) * (double) millis / done);
            left = ", " + Sizes.duration(remainingMillis) + " left";
        }
        log.accept(String.format(Locale.ROOT, "%s: %d%% (%s of %s) at %s%s", name,
                size == 0 ? 100 : done * 100 / size, Sizes.bytes(done), Sizes.bytes(size), Sizes.rate(done, millis), left));
    }

    void summary(int parts, int concurrency) {
        long millis = elapsedMillis();
        String how = parts == 0
                ? "one request"
                : parts + (parts == 1 ? " part" : " parts") + (parts > 1 ? ", up to " + Math.min(concurrency, parts) + " at a time" : "");
        int r = retries.get();
        log.accept("Sent " + name + " (" + Sizes.bytes(size) + ") in " + Sizes.duration(millis) + " at "
                + Sizes.rate(size, millis) + ": " + how + (r == 0 ? "" : ", " + r + (r == 1 ? " retry" : " retries")));
    }
}
