package io.jenkins.plugins.buildstash.emulator;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import org.junit.jupiter.api.Test;

/** The command line: flags, the --faults syntax and what it prints. */
class EmulatorMainTest {

    @Test
    void flagsSetTheOptions() {
        EmulatorMain.Arguments arguments = EmulatorMain.Arguments.parse(new String[] {
            "--port", "0", "--etag", "cheap", "--part-size-mb", "5", "--multipart-threshold", "8MiB",
            "--bandwidth-mbps", "50", "--latency-ms", "25", "--no-store", "--retry-after", "date", "--no-samples"
        });

        EmulatorOptions options = arguments.options;
        assertThat(options.etagMode()).isEqualTo(EtagMode.CHEAP);
        assertThat(options.partSizeBytes()).isEqualTo(5L << 20);
        assertThat(options.multipartThresholdBytes()).isEqualTo(8L << 20);
        assertThat(options.bandwidthBitsPerSecond()).isEqualTo(50_000_000);
        assertThat(options.latency()).isEqualTo(Duration.ofMillis(25));
        assertThat(options.keepBytes()).isFalse();
        assertThat(options.retryAfterStyle()).isEqualTo(RetryAfter.Style.HTTP_DATE);
        assertThat(arguments.samples).isFalse();
    }

    @Test
    void unknownFlagOrMissingValueIsRefused() {
        assertThatThrownBy(() -> EmulatorMain.Arguments.parse(new String[] {"--colour", "blue"}))
                .hasMessageContaining("unknown option: --colour");
        assertThatThrownBy(() -> EmulatorMain.Arguments.parse(new String[] {"--port"}))
                .hasMessageContaining("missing value");
    }

    @Test
    void rateLimitFlagNamesARouteOrAliasAndARate() {
        RateLimit limit = EmulatorMain.Arguments.rateLimit("presign=120/min:workspace");

        assertThat(limit.routes()).containsExactly("requestMultipartPart");
        assertThat(limit.limit()).isEqualTo(120);
        assertThat(limit.window()).isEqualTo(Duration.ofMinutes(1));
        assertThat(limit.scope()).isEqualTo(RateLimit.Scope.WORKSPACE);
        assertThatThrownBy(() -> EmulatorMain.Arguments.rateLimit("presign=120")).hasMessageContaining("ROUTE=N/UNIT");
    }

    @Test
    void faultSpecBecomesRulesOnTheNamedRoutes() throws Exception {
        try (BuildstashEmulator emulator = BuildstashEmulator.start()) {
            FaultSpec.apply("presign:*:429:p=0.05:retry-after=1, part@3:1:reset-after=1MiB; verify:2:503:"
                    + "retry-after-date=2, download:1:html", emulator.faults());

            assertThat(emulator.faults().rules()).extracting(FaultRule::route, FaultRule::fault, FaultRule::remaining)
                    .containsExactly(
                            org.assertj.core.groups.Tuple.tuple("requestMultipartPart",
                                    Fault.status(429).withRetryAfter(RetryAfter.seconds(1)), -1),
                            org.assertj.core.groups.Tuple.tuple("storageUploadPart", Fault.resetAfterBodyBytes(1 << 20), 1),
                            org.assertj.core.groups.Tuple.tuple("verifyUpload",
                                    Fault.status(503).withRetryAfter(RetryAfter.httpDate(Duration.ofSeconds(2))), 2),
                            org.assertj.core.groups.Tuple.tuple("downloadBuild", Fault.htmlPage(), 1));
        }
    }

    @Test
    void malformedFaultSpecIsRefusedWithTheRuleNamed() throws Exception {
        try (BuildstashEmulator emulator = BuildstashEmulator.start()) {
            assertThatThrownBy(() -> FaultSpec.apply("verify:1", emulator.faults()))
                    .hasMessageContaining("'verify:1' is not ROUTE[@PART]:COUNT:ACTION");
            assertThatThrownBy(() -> FaultSpec.apply("verify:1:explode", emulator.faults()))
                    .hasMessageContaining("unknown action 'explode'");
            assertThatThrownBy(() -> FaultSpec.apply("verify:1:html:retry-after=1", emulator.faults()))
                    .hasMessageContaining("retry-after applies to a status action only");
            assertThatThrownBy(() -> FaultSpec.apply("nowhere:1:500", emulator.faults()))
                    .hasMessageContaining("no route named 'nowhere'");
        }
    }

    @Test
    void sizesAndDurationsTakeUnits() {
        assertThat(FaultSpec.bytes("64KiB")).isEqualTo(65536);
        assertThat(FaultSpec.bytes("5GiB")).isEqualTo(5L << 30);
        assertThat(FaultSpec.bytes("1000")).isEqualTo(1000);
        assertThat(FaultSpec.duration("250ms")).isEqualTo(Duration.ofMillis(250));
        assertThat(FaultSpec.duration("1.5s")).isEqualTo(Duration.ofMillis(1500));
    }

    @Test
    void descriptionPrintsEachValueOnceAsShellAssignments() throws Exception {
        try (BuildstashEmulator emulator = BuildstashEmulator.start()) {
            Seed seed = emulator.seedDefaults();
            ByteArrayOutputStream printed = new ByteArrayOutputStream();

            EmulatorMain.describe(emulator, seed, new PrintStream(printed, true, StandardCharsets.UTF_8));

            String text = printed.toString(StandardCharsets.UTF_8);
            assertThat(text).contains("BUILDSTASH_BASE_URL=" + emulator.apiBaseUrl() + "\n")
                    .contains("BUILDSTASH_APPLICATION_ID=" + seed.applicationId() + "\n")
                    .contains("BUILDSTASH_STREAMS=production,beta,nightly\n");
            assertThat(text.split(seed.applicationKey(), -1)).hasSize(2);
            assertThat(text.split(seed.workspaceKey(), -1)).hasSize(2);
        }
    }
}
