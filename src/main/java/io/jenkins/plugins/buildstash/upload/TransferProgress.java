package io.jenkins.plugins.buildstash.upload;

import java.util.Locale;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Consumer;

/**
 * Progress of one file sent or fetched: a line at most every {@code interval} with percent, bytes, throughput and time
 * left, and a summary at the end. Files below the quiet threshold print only the summary.
 */
public final class TransferProgress {

    private final String name;
    private final long size;
    private final long intervalNanos;
    private final boolean quiet;
    private final Consumer<String> log;
    private final long start = System.nanoTime();
    private final AtomicLong sent = new AtomicLong();
    private final AtomicInteger retries = new AtomicInteger();
    private volatile long lastLine = start;

    public TransferProgress(String name, long size, TransferSettings settings, Consumer<String> log) {
        this.name = name;
        this.size = size;
        this.intervalNanos = settings.progressInterval().toNanos();
        this.quiet = size < settings.quietBelowBytes();
        this.log = log;
    }

    public void add(long bytes) {
        sent.addAndGet(bytes);
    }

    public void retried() {
        retries.incrementAndGet();
    }

    public int retries() {
        return retries.get();
    }

    public long elapsedMillis() {
        return (System.nanoTime() - start) / 1_000_000;
    }

    /** Called every second or so; prints when a line is due. */
    public void tick() {
        long now = System.nanoTime();
        if (quiet || size <= 0 || now - lastLine < intervalNanos) {
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
        log.accept(String.format(Locale.ROOT, "%s: %d%% (%s of %s) at %s%s", name, done * 100 / size,
                Sizes.bytes(done), Sizes.bytes(size), Sizes.rate(done, millis), left));
    }

    /** "Sent game.pak (1 GiB) in 12 s at 85 MiB/s: 21 parts, up to 8 at a time, 1 retry". */
    void summary(int parts, int concurrency) {
        String how = parts == 0
                ? "one request"
                : parts + (parts == 1 ? " part" : " parts") + (parts > 1 ? ", up to " + Math.min(concurrency, parts) + " at a time" : "");
        summary("Sent", size, how);
    }

    /** "Downloaded app.apk (30 MiB) in 1.2 s at 25 MiB/s, 1 retry". */
    public void summary(String verb, long bytes, String how) {
        long millis = elapsedMillis();
        int r = retries.get();
        log.accept(verb + " " + name + " (" + Sizes.bytes(bytes) + ") in " + Sizes.duration(millis) + " at "
                + Sizes.rate(bytes, millis) + (how == null ? "" : ": " + how)
                + (r == 0 ? "" : ", " + r + (r == 1 ? " retry" : " retries")));
    }
}
