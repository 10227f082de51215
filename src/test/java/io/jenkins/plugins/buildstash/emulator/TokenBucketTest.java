package io.jenkins.plugins.buildstash.emulator;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import org.junit.jupiter.api.Test;

class TokenBucketTest {

    /** A socket read takes tens of microseconds: long enough to earn a few hundred bytes at 50 Mbit/s. */
    private static void spendMicros(long micros) {
        long until = System.nanoTime() + micros * 1000;
        while (System.nanoTime() < until) {
            Thread.onSpinWait();
        }
    }

    @Test
    void grantsWholeChunksToAReaderThatNeverSleepsOnItsOwn() throws Exception {
        TokenBucket bucket = new TokenBucket(50_000_000);
        long total = 1_250_000;
        int calls = 0;
        long started = System.nanoTime();
        for (long got = 0; got < total; calls++) {
            got += bucket.acquire(256 * 1024);
            spendMicros(50);
        }
        Duration took = Duration.ofNanos(System.nanoTime() - started);

        assertThat(calls).as("grants of at least %d bytes", TokenBucket.MIN_GRANT)
                .isLessThanOrEqualTo((int) (total / TokenBucket.MIN_GRANT) + 1);
        assertThat(took).as("1.25 MB at 6.25 MB/s").isGreaterThanOrEqualTo(Duration.ofMillis(190));
    }

    @Test
    void refundedBytesPassAgainWithoutWaitingForNewOnes() throws Exception {
        TokenBucket bucket = new TokenBucket(80_000); // 10 kB/s: the 200-byte burst takes 20 ms to earn
        long started = System.nanoTime();
        for (int i = 0; i < 50; i++) {
            bucket.refund(bucket.acquire(200));
        }

        assertThat(Duration.ofNanos(System.nanoTime() - started)).as("50 grants of 200 bytes, each given back")
                .isLessThan(Duration.ofMillis(500));
    }
}
