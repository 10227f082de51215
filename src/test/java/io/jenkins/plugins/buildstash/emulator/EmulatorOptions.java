package io.jenkins.plugins.buildstash.emulator;

import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Objects;
import java.util.function.Consumer;

/**
 * How an emulator behaves: an immutable value, changed through withers.
 *
 * <pre>{@code
 * EmulatorOptions.defaults().withMultipartThresholdBytes(8 << 20).withPartSizeMb(1).withEtagMode(EtagMode.MD5)
 * }</pre>
 */
public final class EmulatorOptions {

    /** Multipart is mandatory above 5 GB (brief §5.4); read as GiB, the larger reading (G9). */
    public static final long DEFAULT_MULTIPART_THRESHOLD = 5L * 1024 * 1024 * 1024;

    private int port;
    private EtagMode etagMode = EtagMode.MD5;
    private long multipartThresholdBytes = DEFAULT_MULTIPART_THRESHOLD;
    private int partSizeMb = 50;
    private Duration presignTtl = Duration.ofHours(1);
    private Duration processingDelay = Duration.ZERO;
    private Clock clock = Clock.systemUTC();
    private Path storeDirectory;
    private boolean keepBytes = true;
    private long bandwidthBitsPerSecond;
    private Duration latency = Duration.ZERO;
    private List<RateLimit> rateLimits = RateLimit.downloadDefaults();
    private RetryAfter.Style retryAfterStyle = RetryAfter.Style.SECONDS;
    private String webAppUrl = "https://app.buildstash.com";
    private long randomSeed = 1;

    private EmulatorOptions() {}

    /**
     * A free port, MD5 ETags, multipart above 5 GiB in 50 MiB parts, presigned URLs valid for an hour, no processing
     * delay, the system clock, bytes kept in a temporary directory, no shaping, the documented download rate limits
     * with {@code Retry-After} in seconds.
     */
    public static EmulatorOptions defaults() {
        return new EmulatorOptions();
    }

    private EmulatorOptions copy(Consumer<EmulatorOptions> change) {
        EmulatorOptions copy = new EmulatorOptions();
        copy.port = port;
        copy.etagMode = etagMode;
        copy.multipartThresholdBytes = multipartThresholdBytes;
        copy.partSizeMb = partSizeMb;
        copy.presignTtl = presignTtl;
        copy.processingDelay = processingDelay;
        copy.clock = clock;
        copy.storeDirectory = storeDirectory;
        copy.keepBytes = keepBytes;
        copy.bandwidthBitsPerSecond = bandwidthBitsPerSecond;
        copy.latency = latency;
        copy.rateLimits = rateLimits;
        copy.retryAfterStyle = retryAfterStyle;
        copy.webAppUrl = webAppUrl;
        copy.randomSeed = randomSeed;
        change.accept(copy);
        return copy;
    }

    /** The port to bind on 127.0.0.1; 0 for a free one. */
    public EmulatorOptions withPort(int value) {
        if (value < 0 || value > 65535) {
            throw new IllegalArgumentException("port out of range: " + value);
        }
        return copy(o -> o.port = value);
    }

    public EmulatorOptions withEtagMode(EtagMode value) {
        return copy(o -> o.etagMode = Objects.requireNonNull(value));
    }

    /** Files larger than this are uploaded in parts ({@code chunked_upload: true}). */
    public EmulatorOptions withMultipartThresholdBytes(long value) {
        if (value < 1) {
            throw new IllegalArgumentException("threshold must be positive");
        }
        return copy(o -> o.multipartThresholdBytes = value);
    }

    /** The part size announced as {@code chunked_part_size_mb}, in MiB as every client reads it (G10). */
    public EmulatorOptions withPartSizeMb(int value) {
        if (value < 1) {
            throw new IllegalArgumentException("part size must be at least 1 MiB");
        }
        return copy(o -> o.partSizeMb = value);
    }

    /** How long presigned upload and download URLs stay valid (undocumented by the API, G13). */
    public EmulatorOptions withPresignTtl(Duration value) {
        return copy(o -> o.presignTtl = Objects.requireNonNull(value));
    }

    /** How long iOS and Android builds stay pending after verify. */
    public EmulatorOptions withProcessingDelay(Duration value) {
        return copy(o -> o.processingDelay = Objects.requireNonNull(value));
    }

    /** The clock for expiries, rate-limit windows, processing and timestamps. */
    public EmulatorOptions withClock(Clock value) {
        return copy(o -> o.clock = Objects.requireNonNull(value));
    }

    /** Where to keep uploaded bytes (kept after close); null for a temporary directory deleted on close. */
    public EmulatorOptions withStoreDirectory(Path value) {
        return copy(o -> o.storeDirectory = value);
    }

    /** False keeps only sizes and ETags (benchmarks): downloads then have nothing to serve. */
    public EmulatorOptions withKeepBytes(boolean value) {
        return copy(o -> o.keepBytes = value);
    }

    /** Caps every connection's request-body bandwidth; 0 for none. */
    public EmulatorOptions withBandwidthBitsPerSecond(long value) {
        if (value < 0) {
            throw new IllegalArgumentException("bandwidth must not be negative");
        }
        return copy(o -> o.bandwidthBitsPerSecond = value);
    }

    /** Latency added before every response's headers. */
    public EmulatorOptions withLatency(Duration value) {
        return copy(o -> o.latency = Objects.requireNonNull(value));
    }

    /** The rate limits in force from the start (replacing the download defaults). */
    public EmulatorOptions withRateLimits(List<RateLimit> value) {
        return copy(o -> o.rateLimits = List.copyOf(value));
    }

    /** How a rate-limited answer carries {@code Retry-After}: seconds, HTTP-date, or not at all. */
    public EmulatorOptions withRetryAfterStyle(RetryAfter.Style value) {
        return copy(o -> o.retryAfterStyle = Objects.requireNonNull(value));
    }

    /** The web-app base of {@code build_info_url}, {@code download_url} and {@code modal_url}. */
    public EmulatorOptions withWebAppUrl(String value) {
        return copy(o -> o.webAppUrl = Objects.requireNonNull(value));
    }

    /** The seed of probabilistic faults, so that a benchmark's fault mix repeats. */
    public EmulatorOptions withRandomSeed(long value) {
        return copy(o -> o.randomSeed = value);
    }

    public int port() {
        return port;
    }

    public EtagMode etagMode() {
        return etagMode;
    }

    public long multipartThresholdBytes() {
        return multipartThresholdBytes;
    }

    public int partSizeMb() {
        return partSizeMb;
    }

    public long partSizeBytes() {
        return partSizeMb * 1024L * 1024L;
    }

    public Duration presignTtl() {
        return presignTtl;
    }

    public Duration processingDelay() {
        return processingDelay;
    }

    public Clock clock() {
        return clock;
    }

    public Path storeDirectory() {
        return storeDirectory;
    }

    public boolean keepBytes() {
        return keepBytes;
    }

    public long bandwidthBitsPerSecond() {
        return bandwidthBitsPerSecond;
    }

    public Duration latency() {
        return latency;
    }

    public List<RateLimit> rateLimits() {
        return rateLimits;
    }

    public RetryAfter.Style retryAfterStyle() {
        return retryAfterStyle;
    }

    public String webAppUrl() {
        return webAppUrl;
    }

    public long randomSeed() {
        return randomSeed;
    }
}
