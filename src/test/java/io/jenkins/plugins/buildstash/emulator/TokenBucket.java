package io.jenkins.plugins.buildstash.emulator;

import java.io.InterruptedIOException;

/**
 * Caps one connection's request-body bandwidth: a token bucket refilled in real time. Kernel traffic shaping (netem) is
 * not available here, so the server shapes its own reads; the sender then backs up on TCP flow control as it would
 * behind a slow link.
 */
final class TokenBucket {

    /**
     * The least a grant waits for (unless the caller wants less). Without it, a reader whose every read takes long
     * enough to earn a few hundred bytes never sleeps: it spins through tiny socket reads, and a few shaped connections
     * then fill the emulator's CPU and fall far below their cap.
     */
    static final int MIN_GRANT = 16 * 1024;

    private final double bytesPerNano;
    private final long capacity;
    private final long minGrant;
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
        this.minGrant = Math.min(capacity, MIN_GRANT);
        this.lastRefill = System.nanoTime();
    }

    /**
     * Blocks until {@code wanted} bytes may pass, or {@link #MIN_GRANT} of them (the burst, if smaller), then grants up
     * to {@code wanted}.
     */
    int acquire(int wanted) throws InterruptedIOException {
        long least = Math.max(1, Math.min(wanted, minGrant));
        while (true) {
            refill();
            if (tokens >= least) {
                int granted = (int) Math.min(wanted, Math.floor(tokens));
                tokens -= granted;
                return granted;
            }
            long waitNanos = (long) Math.ceil((least - tokens) / bytesPerNano);
            try {
                Thread.sleep(waitNanos / 1_000_000, (int) (waitNanos % 1_000_000));
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new InterruptedIOException("interrupted while shaping bandwidth");
            }
        }
    }

    /** Gives back bytes granted but not used, so that short reads do not push the rate below the cap. */
    void refund(int unused) {
        tokens = Math.min(capacity, tokens + unused);
    }

    private void refill() {
        long now = System.nanoTime();
        tokens = Math.min(capacity, tokens + (now - lastRefill) * bytesPerNano);
        lastRefill = now;
    }
}
