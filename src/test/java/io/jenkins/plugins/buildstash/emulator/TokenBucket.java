package io.jenkins.plugins.buildstash.emulator;

import java.io.InterruptedIOException;

/**
 * Caps one connection's request-body bandwidth: a token bucket refilled in real time. Kernel traffic shaping (netem) is
 * not available here, so the server shapes its own reads; the sender then backs up on TCP flow control as it would
 * behind a slow link.
 */
final class TokenBucket {

    private final double bytesPerNano;
    private final long capacity;
    private double tokens;
    private long lastRefill;

    /** @param bitsPerSecond the cap; the burst is 20 ms worth of bytes (1 byte at least, 64 KiB at most) */
    TokenBucket(long bitsPerSecond) {
        if (bitsPerSecond <= 0) {
            throw new IllegalArgumentException("bandwidth must be positive: " + bitsPerSecond);
        }
        double bytesPerSecond = bitsPerSecond / 8.0;
        this.bytesPerNano = bytesPerSecond / 1e9;
        this.capacity = Math.max(1, Math.min(64 * 1024, (long) (bytesPerSecond / 50)));
        this.lastRefill = System.nanoTime();
    }

    /** Blocks until at least one byte may pass, then grants up to {@code wanted} bytes. */
    int acquire(int wanted) throws InterruptedIOException {
        while (true) {
            refill();
            if (tokens >= 1) {
                int granted = (int) Math.min(wanted, Math.floor(tokens));
                tokens -= granted;
                return granted;
            }
            long waitNanos = (long) Math.ceil((1 - tokens) / bytesPerNano);
            try {
                Thread.sleep(waitNanos / 1_000_000, (int) (waitNanos % 1_000_000));
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new InterruptedIOException("interrupted while shaping bandwidth");
            }
        }
    }

    private void refill() {
        long now = System.nanoTime();
        tokens = Math.min(capacity, tokens + (now - lastRefill) * bytesPerNano);
        lastRefill = now;
    }
}
