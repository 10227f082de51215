package io.jenkins.plugins.buildstash.upload;

import static org.assertj.core.api.Assertions.assertThat;

import io.jenkins.plugins.buildstash.emulator.EmulatorOptions;
import io.jenkins.plugins.buildstash.emulator.Fault;
import io.jenkins.plugins.buildstash.testing.ApiFixture;
import io.jenkins.plugins.buildstash.testing.Files2;
import io.jenkins.plugins.buildstash.testing.RecordingSleeper;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Transfers have no total timeout: only a transfer that stops moving is cut, and then retried. */
class StallWatchdogTest {

    @TempDir
    Path dir;

    private static UploadSpec spec(Path file, Duration stall) throws Exception {
        return new UploadSpec(LocalFile.of(file), null, List.of(),
                UploadOptions.builder().platform("linux").stream("beta").version(1, 0, 0).build(),
                TransferSettings.defaults().withStallTimeout(stall));
    }

    @Test
    void aSlowButMovingTransferRunsLongerThanTheStallTimeout() throws Exception {
        try (ApiFixture api = ApiFixture.start()) {
            // 16 Mbit/s: the 16 MiB file takes about 8 s, longer than the 5 s stall timeout, but bytes keep moving.
            // (The watchdog sees bytes handed to the HTTP client: what waits in socket buffers counts as sent, so the
            // timeout must exceed the time a buffer takes to drain, here about 2 s.)
            api.emulator.faults().on("storagePutObject").once().inject(Fault.throttleBody(16_000_000));
            Path file = Files2.random(dir, "slow.bin", 16 << 20, 1);
            List<String> log = new CopyOnWriteArrayList<>();
            long start = System.nanoTime();
            UploadResult result = new Uploader(api.appClient(), new LocalFileSide(log::add, new RecordingSleeper()),
                    log::add).upload(spec(file, Duration.ofSeconds(5)));
            assertThat(Duration.ofNanos(System.nanoTime() - start)).isGreaterThan(Duration.ofSeconds(6));
            assertThat(api.emulator.storedBuild(result.buildId()).orElseThrow().primary().sha256()).isEqualTo(Files2.sha256(file));
            assertThat(api.emulator.requestCount("storagePutObject")).isEqualTo(1);
            assertThat(log).noneMatch(l -> l.startsWith("Retrying"));
        }
    }

    @Test
    void aTransferWhoseAnswerNeverComesIsCutAndRetried() throws Exception {
        try (ApiFixture api = ApiFixture.start(EmulatorOptions.defaults())) {
            api.emulator.faults().on("storagePutObject").once().inject(Fault.delayHeaders(Duration.ofSeconds(30)));
            Path file = Files2.random(dir, "app.bin", 1000, 2);
            List<String> log = new CopyOnWriteArrayList<>();
            long start = System.nanoTime();
            UploadResult result = new Uploader(api.appClient(), new LocalFileSide(log::add, new RecordingSleeper()),
                    log::add).upload(spec(file, Duration.ofSeconds(2)));
            assertThat(Duration.ofNanos(System.nanoTime() - start)).isLessThan(Duration.ofSeconds(20));
            assertThat(api.emulator.storedBuild(result.buildId())).isPresent();
            assertThat(api.emulator.requestCount("storagePutObject")).isEqualTo(2);
            // The watchdog cut the first PUT by interrupting the thread that sent it (this one): that interrupt must
            // end with the PUT, or the retry and everything after would fail as if the build had been stopped.
            assertThat(Thread.currentThread().isInterrupted()).isFalse();
            assertThat(log).anyMatch(l -> l.startsWith("Retrying PUT app.bin in ")
                    && l.contains("Storage made no progress on app.bin for 2 s"));
        }
    }
}
