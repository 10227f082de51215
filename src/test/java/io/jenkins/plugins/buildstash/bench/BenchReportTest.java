package io.jenkins.plugins.buildstash.bench;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** The report's tables: verdicts from the recorded figures, and "not run" said plainly. */
class BenchReportTest {

    private static final ObjectMapper JSON = new ObjectMapper();

    @Test
    void stepOverheadIsJudgedPerSizeAndPhaseFromStepTimeLessTransferTime() throws Exception {
        List<JsonNode> results = new ArrayList<>();
        results.add(step(10485760, "cold", 0, 740, 168));
        for (int run = 1; run <= 3; run++) {
            results.add(step(10485760, "warm", run, 60 + run, 20));
            results.add(step(1073741824, "warm", run, 540 + run, 500));
        }

        String report = new BenchReport(results, Map.of()).render();

        assertThat(report).contains("### In a real Jenkins");
        assertThat(report).contains("| 10 MiB | first in a new Jenkins | 740.0 | 168.0 | 572.0 |").contains("**missed** (572 ms)");
        assertThat(report).contains("| 10 MiB | warm: median (min–max) of 3 | 62.0 (61.0–63.0) | 20.0 (20.0–20.0) | 42.0 (41.0–43.0) |")
                .contains("**met** (42 ms)");
        assertThat(report).contains("| 1 GiB | warm: median (min–max) of 3 |");
    }

    @Test
    void batchesGiveThePluginsOwnCpuPerUploadAgainstTheBaseline() throws Exception {
        List<JsonNode> results = List.of(
                batch("upload", "warmup", 16, 5000), // not measured
                batch("upload", "run", 16, 2000),
                batch("no-upload", "run", 0, 1200),
                batch("upload", "run", 16, 2200),
                batch("no-upload", "run", 0, 1000));

        String report = new BenchReport(results, Map.of()).render();

        assertThat(report).contains("| `buildstashUpload` of 10 MiB in each branch | 2 | 16, 16 of 16 |")
                .contains("131.3 (125.0–137.5) ms").contains("**met**");
        assertThat(report).contains("own controller CPU per upload").contains("**62.5 ms**");
    }

    @Test
    void singlePartIsJudgedAgainstTheFasterCurlAndShowsTheJavaBaselinesWhenRecorded() throws Exception {
        long mib10 = 10L << 20;
        List<JsonNode> results = new ArrayList<>();
        // MB/s: ours 500, curl 400, curl without Expect 1000 (the faster), JDK alone 250, blocking socket 800.
        for (String[] c : new String[][] {{"ours", "500"}, {"curl", "400"}, {"curl-no-expect", "1000"}, {"jdk", "250"},
                {"socket", "800"}, {"ours-utf8", "600"}}) {
            results.add(single(c[0], "warmup", mib10, 1)); // not counted
            results.add(single(c[0], "run", mib10, Double.parseDouble(c[1])));
        }

        String report = new BenchReport(results, Map.of()).render();

        assertThat(report).contains("| ours, name outside ASCII | JDK client alone | blocking socket, no TLS |");
        assertThat(report).contains("| 10 MiB | 500 (500–500) | 400 (400–400) | 1000 (1000–1000) | 1.25× | 0.50× |")
                .contains("**missed** (0.50×) | 600 (600–600) | 250 (250–250) | 800 (800–800) |");

        List<JsonNode> withoutBaselines = results.stream()
                .filter(r -> !Set.of("jdk", "socket", "ours-utf8").contains(r.path("client").asText())).toList();
        assertThat(new BenchReport(withoutBaselines, Map.of()).render())
                .doesNotContain("JDK client alone").doesNotContain("outside ASCII").contains("**missed** (0.50×) |\n");
    }

    @Test
    void aFailedUploadBatchIsMissed() throws Exception {
        String report = new BenchReport(List.of(batch("upload", "run", 15, 2000)), Map.of()).render();

        assertThat(report).contains("15 of 16").contains("**missed**");
    }

    @Test
    void notRunIsSaidWithItsReason() throws Exception {
        JsonNode notRun = JSON.readTree("{\"type\":\"jenkins_not_run\",\"reason\":\"the parent POM cannot be resolved\"}");

        String report = new BenchReport(List.of(notRun), Map.of()).render();

        assertThat(report).contains("**Not run**: the parent POM cannot be resolved");
    }

    @Test
    void nothingIsWrittenWhenTheScenarioWasNotSelected() {
        assertThat(new BenchReport(List.of(), Map.of()).render()).doesNotContain("real Jenkins");
    }

    private static JsonNode single(String client, String phase, long bytes, double megabytesPerSecond) {
        return JSON.createObjectNode().put("type", "single").put("client", client).put("phase", phase).put("run", 1)
                .put("bytes", bytes).put("seconds", bytes / (megabytesPerSecond * 1e6))
                .put("whole_seconds", bytes / (megabytesPerSecond * 1e6) + 0.01);
    }

    private static JsonNode step(long bytes, String phase, int run, double stepMs, long transferMs) {
        return JSON.createObjectNode().put("type", "jenkins_step").put("bytes", bytes).put("phase", phase)
                .put("run", run).put("ok", true).put("step_ms", stepMs).put("transfer_ms", transferMs)
                .put("transfer_call_ms", transferMs + 5.0).put("resolve_call_ms", 3.0);
    }

    private static JsonNode batch(String kind, String phase, int succeeded, double cpuMs) {
        return JSON.createObjectNode().put("type", "jenkins_batch").put("kind", kind).put("phase", phase)
                .put("branches", 16).put("agents", 4).put("uploads_succeeded", succeeded).put("cpu_ms", cpuMs)
                .put("wall_seconds", 2.5).put("threads_before", 100).put("peak_threads", 110).put("threads_after", 100);
    }
}
