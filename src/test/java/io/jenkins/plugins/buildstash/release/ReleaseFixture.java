package io.jenkins.plugins.buildstash.release;

import io.jenkins.plugins.buildstash.api.ApiKey;
import io.jenkins.plugins.buildstash.api.BuildstashClient;
import io.jenkins.plugins.buildstash.api.RetryPolicy;
import io.jenkins.plugins.buildstash.api.Sleeper;
import io.jenkins.plugins.buildstash.emulator.BuildstashEmulator;
import io.jenkins.plugins.buildstash.emulator.EmulatorOptions;
import io.jenkins.plugins.buildstash.emulator.NewBuild;
import io.jenkins.plugins.buildstash.emulator.Seed;
import java.io.IOException;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Random;
import java.util.concurrent.atomic.AtomicReference;

/** An emulator seeded with "Space Game" (android, ios, windows), and helpers to add builds and releases to it. */
final class ReleaseFixture implements AutoCloseable {

    final BuildstashEmulator emulator;
    final Seed seed;
    final List<String> log = new ArrayList<>();
    private final SteppedClock clock;

    private ReleaseFixture(BuildstashEmulator emulator, SteppedClock clock) {
        this.emulator = emulator;
        this.seed = emulator.seedDefaults();
        this.clock = clock;
    }

    /** An emulator on a clock that only moves when a release is added, so that "newest" is never a tie. */
    static ReleaseFixture onSteppedClock() throws IOException {
        SteppedClock clock = new SteppedClock(Instant.parse("2026-11-02T09:00:00Z"));
        return new ReleaseFixture(BuildstashEmulator.start(EmulatorOptions.defaults().withClock(clock)), clock);
    }

    /** An emulator in real time, for rate limits that must really pass. */
    static ReleaseFixture start(EmulatorOptions options) throws IOException {
        return new ReleaseFixture(BuildstashEmulator.start(options), null);
    }

    /** A client with the application key, waiting for real. */
    BuildstashClient client() {
        return client(seed.applicationKey());
    }

    BuildstashClient client(String key) {
        return BuildstashClient.builder(ApiKey.of(key)).baseUrl(emulator.apiBaseUrl()).log(log::add).build();
    }

    /** A client whose waits between attempts are recorded, not slept. */
    BuildstashClient clientWithoutWaits(List<Duration> waits) {
        Sleeper record = waits::add;
        return BuildstashClient.builder(ApiKey.of(seed.applicationKey())).baseUrl(emulator.apiBaseUrl())
                .sleeper(record).retryPolicy(RetryPolicy.standard()).log(log::add).build();
    }

    String build(String platform, String stream, String version, String filename, byte[] content) {
        return emulator.addBuild(NewBuild.of(seed.applicationId(), platform, stream, version, filename, content));
    }

    String build(NewBuild build) {
        return emulator.addBuild(build);
    }

    /** Adds a release a minute after the previous one (on the stepped clock). */
    String release(String version, String title, List<String> labels, String... buildIds) {
        if (clock != null) {
            clock.advance(Duration.ofMinutes(1));
        }
        return emulator.addRelease(seed.applicationId(), version, title, "Notes of " + version, labels,
                List.of(buildIds));
    }

    @Override
    public void close() {
        emulator.close();
    }

    static byte[] bytes(int size, long seed) {
        byte[] bytes = new byte[size];
        new Random(seed).nextBytes(bytes);
        return bytes;
    }

    static String sha256(byte[] bytes) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(bytes));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    /** A clock a test moves by hand. */
    static final class SteppedClock extends Clock {
        private final AtomicReference<Instant> now;

        SteppedClock(Instant start) {
            this.now = new AtomicReference<>(start);
        }

        void advance(Duration duration) {
            now.updateAndGet(instant -> instant.plus(duration));
        }

        @Override
        public Instant instant() {
            return now.get();
        }

        @Override
        public ZoneId getZone() {
            return ZoneOffset.UTC;
        }

        @Override
        public Clock withZone(ZoneId zone) {
            return this;
        }
    }
}
