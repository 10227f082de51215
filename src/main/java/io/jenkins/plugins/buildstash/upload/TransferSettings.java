package io.jenkins.plugins.buildstash.upload;

import io.jenkins.plugins.buildstash.api.ProxyRoute;
import io.jenkins.plugins.buildstash.api.RetryPolicy;
import java.io.Serializable;
import java.time.Duration;

/**
 * How the file side moves bytes: everything it needs besides the files and URLs, and nothing secret. It travels to
 * the agent.
 *
 * @param concurrency parts in flight at once, 1 to 16
 * @param stallTimeout how long a transfer may make no progress before it is cancelled and retried
 * @param progressInterval the shortest time between two progress lines
 * @param proxy the proxy for storage requests, without credentials, or null for the JVM's own proxy settings (on an
 *     agent: the agent's)
 * @param quietBelowBytes files smaller than this print no progress lines, only their summary
 * @param expectContinue send {@code Expect: 100-continue}, so that a refused URL costs no body bytes. Off by default:
 *     the JDK 17 client waits until the stall watchdog fires when storage answers such a request with an error instead
 *     of {@code 100 Continue} (seen against the emulator; UploaderTest covers refused and expired URLs)
 */
public record TransferSettings(
        int concurrency,
        Duration connectTimeout,
        Duration stallTimeout,
        RetryPolicy.Limits retryLimits,
        ProxyRoute proxy,
        Duration progressInterval,
        long quietBelowBytes,
        boolean expectContinue)
        implements Serializable {

    private static final long serialVersionUID = 1L;

    public static final int MAX_CONCURRENCY = 16;
    /**
     * Chosen from docs/performance.md: through a 50 Mbit/s-per-connection link with 50 ms latency, 8 parts in flight
     * sent 1 GiB 6.7-7.2x as fast as one part (4 in flight: 4.0x), and a 5 GiB + 1 byte upload in a 64 MB heap peaked
     * at 117 MB RSS with 8 in flight (124 MB with 16).
     */
    public static final int DEFAULT_CONCURRENCY = 8;

    public TransferSettings {
        if (concurrency < 1 || concurrency > MAX_CONCURRENCY) {
            throw new IllegalArgumentException(
                    "Part concurrency must be between 1 and " + MAX_CONCURRENCY + ", got " + concurrency);
        }
    }

    public static TransferSettings defaults() {
        return new TransferSettings(DEFAULT_CONCURRENCY, Duration.ofSeconds(10), Duration.ofSeconds(120),
                RetryPolicy.Limits.defaults(), null, Duration.ofSeconds(5), 64L * 1024 * 1024, false);
    }

    public TransferSettings withConcurrency(int concurrency) {
        return new TransferSettings(concurrency, connectTimeout, stallTimeout, retryLimits, proxy, progressInterval,
                quietBelowBytes, expectContinue);
    }

    public TransferSettings withStallTimeout(Duration stallTimeout) {
        return new TransferSettings(concurrency, connectTimeout, stallTimeout, retryLimits, proxy, progressInterval,
                quietBelowBytes, expectContinue);
    }

    public TransferSettings withRetryLimits(RetryPolicy.Limits retryLimits) {
        return new TransferSettings(concurrency, connectTimeout, stallTimeout, retryLimits, proxy, progressInterval,
                quietBelowBytes, expectContinue);
    }

    public TransferSettings withProxy(ProxyRoute proxy) {
        return new TransferSettings(concurrency, connectTimeout, stallTimeout, retryLimits, proxy, progressInterval,
                quietBelowBytes, expectContinue);
    }

    public TransferSettings withProgress(Duration progressInterval, long quietBelowBytes) {
        return new TransferSettings(concurrency, connectTimeout, stallTimeout, retryLimits, proxy, progressInterval,
                quietBelowBytes, expectContinue);
    }

    public TransferSettings withConnectTimeout(Duration connectTimeout) {
        return new TransferSettings(concurrency, connectTimeout, stallTimeout, retryLimits, proxy, progressInterval,
                quietBelowBytes, expectContinue);
    }
}
