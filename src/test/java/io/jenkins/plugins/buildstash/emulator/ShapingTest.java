package io.jenkins.plugins.buildstash.emulator;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.jenkins.plugins.buildstash.emulator.TestHttp.Reply;
import java.time.Duration;
import org.junit.jupiter.api.Test;

/** Connection shaping from the options: what the CLI's --bandwidth-mbps and --latency-ms set. */
class ShapingTest {

    private static Duration timed(Runnable action) {
        long started = System.nanoTime();
        action.run();
        return Duration.ofNanos(System.nanoTime() - started);
    }

    @Test
    void bandwidthCapSlowsEveryRequestBody() throws Exception {
        try (BuildstashEmulator emulator =
                BuildstashEmulator.start(EmulatorOptions.defaults().withBandwidthBitsPerSecond(16_000_000))) {
            TestHttp http = new TestHttp(emulator, emulator.seedDefaults().applicationKey());
            JsonNode presigned = http.post("/upload/request", TestHttp.uploadRequest("windows", "beta", "a.exe", 512_000))
                    .json().get("primary_file").get("presigned_data");
            Reply[] reply = new Reply[1];

            Duration took = timed(() -> reply[0] =
                    http.put(presigned.get("url").asText(), new byte[512_000], TestHttp.headers(presigned)));

            assertThat(reply[0].status()).isEqualTo(200);
            assertThat(took).as("512 kB at 2 MB/s").isGreaterThanOrEqualTo(Duration.ofMillis(240));
        }
    }

    @Test
    void latencyDelaysEveryResponse() throws Exception {
        try (BuildstashEmulator emulator =
                BuildstashEmulator.start(EmulatorOptions.defaults().withLatency(Duration.ofMillis(150)))) {
            TestHttp http = new TestHttp(emulator, emulator.seedDefaults().applicationKey());

            Duration took = timed(() -> {
                assertThat(http.get("/workspace").status()).isEqualTo(200);
                assertThat(http.get("/workspace").status()).isEqualTo(200);
            });

            assertThat(took).isGreaterThanOrEqualTo(Duration.ofMillis(300));
        }
    }
}
