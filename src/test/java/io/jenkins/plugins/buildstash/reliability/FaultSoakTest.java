package io.jenkins.plugins.buildstash.reliability;

import static org.assertj.core.api.Assertions.assertThat;

import io.jenkins.plugins.buildstash.testing.SecretLedger;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The quick fault soak of the normal suite: 30 uploads of random sizes under the documented fault mix, a sixth of them
 * meeting an outage. The long one is {@code exec:java@soak} (docs/reliability.md).
 */
class FaultSoakTest {

    @TempDir
    Path dir;

    @Test
    void everyUploadUnderRandomFaultsCompletesByteIdenticalOrFailsCleanlyLeavingNothingBehind() throws Exception {
        List<String> progress = new ArrayList<>();
        SoakReport report = FaultSoak.run(FaultSoak.Config.of(30, 1), dir, progress::add);
        System.out.print(report.table());
        SecretLedger.observe("soak report", report.table());

        assertThat(report.count(SoakReport.Outcome.CORRUPT)).as("corrupt").isZero();
        assertThat(report.orphaned()).as("orphaned pending uploads").isZero();
        assertThat(report.leakedThreads()).as("leaked threads").isEmpty();
        assertThat(report.count(SoakReport.Outcome.HUNG)).as("hung").isZero();
        assertThat(report.count(SoakReport.Outcome.FAILED_UNCLEARLY)).as("unclear failures").isZero();
        assertThat(report.count(SoakReport.Outcome.FAILED_BUT_BUILT)).as("failed, but built").isZero();
        assertThat(report.problems()).isEmpty();
        assertThat(report.count(SoakReport.Outcome.COMPLETED)).as("completed").isPositive();
        assertThat(report.count(SoakReport.Outcome.FAILED_CLEANLY)).as("failed cleanly").isPositive();
        assertThat(report.count(SoakReport.Outcome.COMPLETED) + report.count(SoakReport.Outcome.FAILED_CLEANLY))
                .isEqualTo(30);
        assertThat(report.faultsInjected()).as("faults injected").isPositive();
        assertThat(report.retries()).as("retries used").isPositive();
        assertThat(progress).hasSize(30);
    }
}
