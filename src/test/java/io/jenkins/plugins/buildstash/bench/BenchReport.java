package io.jenkins.plugins.buildstash.bench;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeSet;
import java.util.function.Predicate;

/**
 * Turns the benchmark's results (JSON lines from {@link UploadBench}) and the machine facts {@code bench/run.sh}
 * gathered into Markdown tables, prints them, and rewrites the generated section of {@code docs/performance.md}
 * (between its two marker comments). Every figure comes from the results file; the targets are the issue's.
 *
 * <p>Usage: {@code BenchReport RESULTS FACTS [DOC]}.
 */
public final class BenchReport {

    static final String BEGIN = "<!-- bench/run.sh writes from here: do not edit by hand -->";
    static final String END = "<!-- bench/run.sh writes up to here -->";

    static final double SINGLE_TARGET = 1.0;
    static final double SPEEDUP_TARGET = 3.5;
    static final long RSS_TARGET_BYTES = 250_000_000L;
    static final double STEP_OVERHEAD_TARGET_MS = 500;

    private final List<JsonNode> results;
    private final Map<String, String> facts;

    BenchReport(List<JsonNode> results, Map<String, String> facts) {
        this.results = results;
        this.facts = facts;
    }

    public static void main(String[] args) throws IOException {
        if (args.length < 2) {
            System.err.println("Usage: BenchReport RESULTS FACTS [DOC]");
            System.exit(2);
        }
        ObjectMapper json = new ObjectMapper();
        List<JsonNode> results = new ArrayList<>();
        for (String line : Files.readAllLines(Path.of(args[0]), StandardCharsets.UTF_8)) {
            if (!line.isBlank()) {
                results.add(json.readTree(line));
            }
        }
        Map<String, String> facts = new LinkedHashMap<>();
        for (String line : Files.readAllLines(Path.of(args[1]), StandardCharsets.UTF_8)) {
            int eq = line.indexOf('=');
            if (eq > 0) {
                facts.put(line.substring(0, eq), line.substring(eq + 1));
            }
        }
        String section = new BenchReport(results, facts).render();
        System.out.println(section);
        if (args.length > 2) {
            rewrite(Path.of(args[2]), section);
            System.out.println("Wrote the tables into " + args[2]);
        }
    }

    static void rewrite(Path doc, String section) throws IOException {
        String text = Files.exists(doc) ? Files.readString(doc, StandardCharsets.UTF_8) : "";
        int begin = text.indexOf(BEGIN);
        int end = text.indexOf(END);
        String generated = BEGIN + "\n\n" + section.strip() + "\n\n" + END;
        String updated = begin >= 0 && end > begin
                ? text.substring(0, begin) + generated + text.substring(end + END.length())
                : text + (text.isEmpty() || text.endsWith("\n") ? "" : "\n") + "\n" + generated + "\n";
        Files.writeString(doc, updated, StandardCharsets.UTF_8);
    }

    String render() {
        StringBuilder out = new StringBuilder();
        machine(out);
        single(out);
        fixed(out);
        shaped(out);
        memory(out);
        overhead(out);
        controller(out);
        jenkins(out);
        jobPage(out);
        return out.toString();
    }

    private void machine(StringBuilder out) {
        out.append("### Run of ").append(fact("date")).append("\n\n");
        out.append("Command: `").append(fact("command")).append("` (took ").append(fact("duration")).append(")\n\n");
        out.append("| fact | value |\n| --- | --- |\n");
        row(out, "CPUs (`nproc`)", fact("nproc"));
        row(out, "CPU model", fact("cpu"));
        row(out, "RAM", fact("ram"));
        row(out, "kernel", fact("kernel"));
        row(out, "JDK", fact("jdk"));
        row(out, "curl", fact("curl"));
        row(out, "pinning", fact("pinning"));
        row(out, "client JVM flags (single part, shaped, overhead)", "`" + fact("client_flags") + "`");
        row(out, "client JVM flags (memory)", "`" + fact("memory_flags") + "`");
        row(out, "emulator JVM flags", "`" + fact("emulator_flags") + "`");
        row(out, "other processes' CPU during the run", fact("foreign_cpu"));
        row(out, "load average as each scenario started", fact("load_average"));
        out.append('\n');
    }

    private void single(StringBuilder out) {
        List<JsonNode> runs = select(r -> "single".equals(r.path("type").asText()) && "run".equals(r.path("phase").asText()));
        if (runs.isEmpty()) {
            return; // not run (BENCH_ONLY)
        }
        out.append("### Single part: our engine and curl, same kind of presigned URL\n\n");
        out.append("Emulator `").append(fact("single_emulator")).append("`. ").append(fact("single_method")).append("\n\n");
        boolean baselines = runs.stream().anyMatch(r -> "socket".equals(r.path("client").asText()));
        out.append("| file | ours | curl `--upload-file` | curl `-H \"Expect:\"` | ours / curl | ours / curl `-H \"Expect:\"`"
                + " | ours, whole upload | target: ≥ 1.0 × the faster curl |"
                + (baselines ? " ours, name outside ASCII | JDK client alone | blocking socket, no TLS |" : "") + "\n");
        out.append("| --- | --- | --- | --- | --- | --- | --- | --- |" + (baselines ? " --- | --- | --- |" : "") + "\n");
        for (long size : sizes(runs)) {
            List<Double> ours = rates(runs, size, "ours", "seconds");
            List<Double> curl = rates(runs, size, "curl", "seconds");
            List<Double> curlNoExpect = rates(runs, size, "curl-no-expect", "seconds");
            List<Double> whole = rates(runs, size, "ours", "whole_seconds");
            double ratio = median(ours) / median(curl);
            double ratioNoExpect = median(ours) / median(curlNoExpect);
            double worst = Math.min(ratio, ratioNoExpect);
            out.append("| ").append(UploadBench.size(size))
                    .append(" | ").append(spread(ours))
                    .append(" | ").append(spread(curl))
                    .append(" | ").append(spread(curlNoExpect))
                    .append(" | ").append(times(ratio))
                    .append(" | ").append(times(ratioNoExpect))
                    .append(" | ").append(spread(whole))
                    .append(" | ").append(verdict(worst >= SINGLE_TARGET, times(worst)))
                    .append(" |");
            if (baselines) {
                out.append(" ").append(spread(rates(runs, size, "ours-utf8", "seconds")))
                        .append(" | ").append(spread(rates(runs, size, "jdk", "seconds")))
                        .append(" | ").append(spread(rates(runs, size, "socket", "seconds"))).append(" |");
            }
            out.append("\n");
        }
        out.append("\nMB/s are 10^6 bytes per second: median (min–max) of the runs. \"ours\" is the engine's file side"
                + " (HTTP client, ranged reads, PUT, ETag), curl's is its own `time_total`; \"whole upload\" adds the"
                + " key check, `/upload/request` and `/upload/verify`."
                + (baselines ? " \"ours, name outside ASCII\" is the engine with the same file under the name `jeu-été …`,"
                        + " whose signed `Content-Disposition` the engine sends byte-exact on a socket of its own."
                        + " The two Java baselines are not the plugin: \"JDK client alone\" is one blocking `send` of"
                        + " `BodyPublishers.ofFile` on the engine's shared client; \"blocking socket\" writes the file from a"
                        + " 256 KiB direct buffer to one `SocketChannel` on the calling thread (plain HTTP only). Between"
                        + " them is what the JDK client's own write path costs." : "")
                + "\n\n");
    }

    private void shaped(StringBuilder out) {
        List<JsonNode> runs = select(r -> "shaped".equals(r.path("type").asText()));
        if (runs.isEmpty()) {
            return; // not run (BENCH_ONLY)
        }
        out.append("### Multipart through a shaped link\n\n");
        out.append("Emulator `").append(fact("shaped_emulator")).append("`. ").append(fact("shaped_method")).append("\n\n");
        out.append("| client | parts in flight | file | time | MB/s | speed-up vs ours at 1 | API calls | storage PUTs"
                + " | target: 4 in flight ≥ 3.5 × 1 |\n");
        out.append("| --- | --- | --- | --- | --- | --- | --- | --- | --- |\n");
        double base = runs.stream()
                .filter(r -> r.path("client").asText().equals("ours") && r.path("concurrency").asInt() == 1)
                .mapToDouble(r -> r.path("seconds").asDouble()).findFirst().orElse(Double.NaN);
        for (JsonNode r : runs) {
            boolean ours = r.path("client").asText().equals("ours");
            int concurrency = r.path("concurrency").asInt();
            double seconds = r.path("seconds").asDouble();
            double speedup = base / seconds;
            String target = ours && concurrency == 4 ? verdict(speedup >= SPEEDUP_TARGET, times(speedup)) : "";
            out.append("| ").append(ours ? "ours" : "curl part loop (`bench/curl-multipart.sh`)")
                    .append(" | ").append(concurrency)
                    .append(" | ").append(UploadBench.size(r.path("bytes").asLong()))
                    .append(" | ").append(String.format(Locale.ROOT, "%.1f s", seconds))
                    .append(" | ").append(String.format(Locale.ROOT, "%.1f", r.path("bytes").asLong() / seconds / 1e6))
                    .append(" | ").append(times(speedup))
                    .append(" | ").append(apiCalls(r.path("requests")))
                    .append(" | ").append(storageRequests(r.path("requests")))
                    .append(" | ").append(target)
                    .append(" |\n");
        }
        out.append('\n');
    }

    private void memory(StringBuilder out) {
        List<JsonNode> runs = select(r -> "memory".equals(r.path("type").asText()));
        if (runs.isEmpty()) {
            return; // not run (BENCH_ONLY)
        }
        out.append("### Memory: a file above the single-PUT limit in a small heap\n\n");
        out.append("Emulator `").append(fact("memory_emulator")).append("`. ").append(fact("memory_method")).append("\n\n");
        out.append("| file | client JVM | parts in flight | result | time | peak RSS (VmHWM) | GCs (time) | target: succeeds,"
                + " peak RSS < 250 MB |\n");
        out.append("| --- | --- | --- | --- | --- | --- | --- | --- |\n");
        for (JsonNode r : runs) {
            boolean ok = r.path("ok").asBoolean();
            long rssBytes = r.path("vm_hwm_kb").asLong() * 1024;
            out.append("| ").append(r.path("bytes").asLong()).append(" B (").append(UploadBench.size(r.path("bytes").asLong())).append(")")
                    .append(" | `").append(fact("memory_flags")).append("`")
                    .append(" | ").append(r.path("concurrency").asInt())
                    .append(" | ").append(ok ? "succeeded" : "failed: " + r.path("error").asText())
                    .append(" | ").append(ok ? String.format(Locale.ROOT, "%.1f s", r.path("seconds").asDouble()) : "")
                    .append(" | ").append(String.format(Locale.ROOT, "%.0f MB", rssBytes / 1e6))
                    .append(" | ").append(r.path("gc_count").asLong()).append(" (").append(r.path("gc_millis").asLong()).append(" ms)")
                    .append(" | ").append(verdict(ok && rssBytes < RSS_TARGET_BYTES, ok ? "" : "failed"))
                    .append(" |\n");
        }
        out.append('\n');
    }

    private void overhead(StringBuilder out) {
        List<JsonNode> runs = select(r -> "overhead".equals(r.path("type").asText()));
        if (runs.isEmpty()) {
            return; // not run (BENCH_ONLY)
        }
        out.append("### Overhead: requests per upload\n\n");
        out.append("Emulator `").append(fact("overhead_emulator")).append("`. ").append(fact("overhead_method")).append("\n\n");
        out.append("| file | plan | API calls, ours | storage requests, ours | API calls / storage requests, the cURL"
                + " recipe | ours, by route | target: API calls = the recipe's |\n");
        out.append("| --- | --- | --- | --- | --- | --- | --- |\n");
        for (JsonNode r : runs) {
            JsonNode requests = r.path("requests");
            long parts = requests.path("requestMultipartPart").asLong();
            long puts = storageRequests(requests);
            boolean first = r.path("first_with_key").asBoolean();
            String recipe = parts > 0 ? (2 + parts) + " / " + parts : "2 / 1";
            String target = first ? "(learns the key's kind: once per key and JVM)"
                    : verdict(apiCalls(requests) == 2 + parts && puts == Math.max(1, parts), "");
            out.append("| ").append(UploadBench.size(r.path("bytes").asLong()))
                    .append(parts > 0 ? " (" + r.path("bytes").asLong() + " B)" : "")
                    .append(first ? ", first upload with the key" : "")
                    .append(" | ").append(parts > 0 ? "multipart, " + parts + " parts" : "single PUT")
                    .append(" | ").append(apiCalls(requests))
                    .append(" | ").append(puts)
                    .append(" | ").append(recipe)
                    .append(" | ").append(byRoute(requests))
                    .append(" | ").append(target)
                    .append(" |\n");
        }
        out.append('\n');
    }

    private void fixed(StringBuilder out) {
        List<JsonNode> runs = section(out, "fixed", "Fixed cost per transfer", "fixed_method");
        if (runs.isEmpty()) {
            return;
        }
        out.append("| client | file | time per PUT, ms: median (min–max) |\n| --- | --- | --- |\n");
        Map<String, List<Double>> byClient = new LinkedHashMap<>();
        for (JsonNode r : runs) {
            byClient.computeIfAbsent(r.path("client").asText(), k -> new ArrayList<>()).add(r.path("seconds").asDouble() * 1000);
        }
        long bytes = runs.get(0).path("bytes").asLong();
        Map<String, String> names = Map.of("ours", "ours (the engine's file side: `FileTransfer`)",
                "jdk", "the JDK client alone (one `send` of `BodyPublishers.ofFile`, same shared client)",
                "curl-no-expect", "curl `-H \"Expect:\"` (`time_total`)");
        byClient.forEach((client, ms) -> out.append("| ").append(names.getOrDefault(client, client)).append(" | ")
                .append(bytes).append(" B | ").append(spreadMs(ms)).append(" |\n"));
        double ours = median(byClient.getOrDefault("ours", List.of()));
        double jdk = median(byClient.getOrDefault("jdk", List.of()));
        out.append(String.format(Locale.ROOT, "%nThe engine's fixed cost per transfer: **%.2f ms** (median). The JDK"
                + " client alone took %.2f ms for the same PUT; the difference of the medians, %.2f ms, is what the"
                + " engine adds (watchdog and progress tasks, ranged reads into pooled direct chunks, the URL hand-over,"
                + " the receipt).%n%n", ours, jdk, ours - jdk));
        List<JsonNode> parts = select(r -> "fixed_part".equals(r.path("type").asText()));
        out.append("What the file side does once per transfer, each timed alone in the client JVM (median):\n\n");
        out.append("| part | ms | per transfer now |\n| --- | --- | --- |\n");
        for (JsonNode p : parts) {
            String part = p.path("part").asText();
            String now = part.startsWith("thread") ? "no: one ticker thread per JVM, ends 1 s after its last task"
                    : part.startsWith("HTTP client") ? "no: one client per setting and JVM"
                    : part.startsWith("buffer") ? "no: one pool of direct chunks per JVM"
                    : "yes";
            out.append("| ").append(part).append(" | ").append(String.format(Locale.ROOT, "%.3f", p.path("millis").asDouble()))
                    .append(" | ").append(now).append(" |\n");
        }
        out.append('\n');
    }

    private void controller(StringBuilder out) {
        List<JsonNode> runs = section(out, "controller", "Controller cost: many uploads at once through one controller JVM", "controller_method");
        if (runs.isEmpty()) {
            return;
        }
        out.append("| uploads at once | agent JVMs | failed | controller CPU per upload | wall time of the batch | peak threads"
                + " (idle before) | peak heap | threads left after | HTTP selector threads | API calls per upload"
                + " | target: 0 threads left, one HTTP client, 2 API calls |\n");
        out.append("| --- | --- | --- | --- | --- | --- | --- | --- | --- | --- | --- |\n");
        for (JsonNode r : runs) {
            int left = r.path("threads_after").asInt() - r.path("threads_before").asInt();
            boolean met = left <= 0 && r.path("http_selector_threads").asInt() == 1
                    && r.path("api_calls_per_upload").asDouble() == 2.0 && r.path("failures").asInt() == 0;
            out.append("| ").append(r.path("uploads").asInt())
                    .append(" | ").append(r.path("agents").asInt())
                    .append(" | ").append(r.path("failures").asInt())
                    .append(" | ").append(String.format(Locale.ROOT, "%.1f ms", r.path("cpu_ms_per_upload").asDouble()))
                    .append(" | ").append(String.format(Locale.ROOT, "%.2f s", r.path("wall_seconds").asDouble()))
                    .append(" | ").append(r.path("peak_threads").asInt()).append(" (").append(r.path("threads_before").asInt()).append(")")
                    .append(" | ").append(String.format(Locale.ROOT, "%.1f MB", r.path("peak_heap_bytes").asLong() / 1e6))
                    .append(" | ").append(left)
                    .append(" | ").append(r.path("http_selector_threads").asInt())
                    .append(" | ").append(String.format(Locale.ROOT, "%.2f", r.path("api_calls_per_upload").asDouble()))
                    .append(" | ").append(verdict(met, ""))
                    .append(" |\n");
        }
        out.append('\n');
    }

    private void jenkins(StringBuilder out) {
        List<JsonNode> notRun = select(r -> "jenkins_not_run".equals(r.path("type").asText()));
        List<JsonNode> steps = select(r -> "jenkins_step".equals(r.path("type").asText()));
        List<JsonNode> batches = select(r -> "jenkins_batch".equals(r.path("type").asText()));
        if (notRun.isEmpty() && steps.isEmpty() && batches.isEmpty()) {
            return; // not run (BENCH_ONLY)
        }
        out.append("### In a real Jenkins: the step's own overhead, and 16 uploads at once from 4 agents\n\n");
        out.append(fact("jenkins_method")).append("\n\n");
        select(r -> "jenkins_info".equals(r.path("type").asText())).stream().findFirst().ifPresent(info -> out
                .append("Jenkins ").append(info.path("jenkins_version").asText()).append(", controller JVM `")
                .append(info.path("controller_jvm_args").asText()).append("` (the plugin parent POM's test JVM).\n\n"));
        for (JsonNode r : notRun) {
            boolean partly = !steps.isEmpty() || !batches.isEmpty();
            out.append(partly ? "**Not run to the end**: " : "**Not run**: ").append(r.path("reason").asText()).append("\n\n");
        }
        if (!steps.isEmpty()) {
            out.append("| file | runs | `buildstashUpload` wall time | engine's transfer (`FileReceipt`) | overhead"
                    + " (step − transfer) | of it: file resolution call | of it: remoting around the transfer"
                    + " | of it: on the controller | target: overhead < 0.5 s |\n");
            out.append("| --- | --- | --- | --- | --- | --- | --- | --- | --- |\n");
            for (long size : sizes(steps)) {
                for (String phase : List.of("cold", "warm")) {
                    List<JsonNode> runs = steps.stream().filter(r -> r.path("bytes").asLong() == size
                            && phase.equals(r.path("phase").asText())).toList();
                    if (runs.isEmpty()) {
                        continue;
                    }
                    List<Double> overhead = values(runs, r -> r.path("step_ms").asDouble() - r.path("transfer_ms").asDouble());
                    double median = median(overhead);
                    out.append("| ").append(UploadBench.size(size))
                            .append(" | ").append(phase.equals("cold") ? "first in a new Jenkins" : "warm: median (min–max) of " + runs.size())
                            .append(" | ").append(msCell(values(runs, r -> r.path("step_ms").asDouble())))
                            .append(" | ").append(msCell(values(runs, r -> r.path("transfer_ms").asDouble())))
                            .append(" | ").append(msCell(overhead))
                            .append(" | ").append(msCell(values(runs, r -> r.path("resolve_call_ms").asDouble())))
                            .append(" | ").append(msCell(values(runs,
                                    r -> r.path("transfer_call_ms").asDouble() - r.path("transfer_ms").asDouble())))
                            .append(" | ").append(msCell(values(runs, r -> r.path("step_ms").asDouble()
                                    - r.path("resolve_call_ms").asDouble() - r.path("transfer_call_ms").asDouble())))
                            .append(" | ").append(verdict(median < STEP_OVERHEAD_TARGET_MS,
                                    String.format(Locale.ROOT, "%.0f ms", median)))
                            .append(" |\n");
                }
            }
            out.append("\nAll times in ms. The overhead splits into the file resolution call's round trip (controller to"
                    + " agent and back: the glob on the agent), the transfer call less the engine's own time (remoting"
                    + " sending the order and the receipt, and the agent's work before the engine's clock starts: on a"
                    + " first run, loading the engine's classes from the controller and building its HTTP client), and"
                    + " the rest, on the controller: the step's start and end in Pipeline, the global configuration and"
                    + " the credential lookup, the key check (first run only), `/upload/request`, `/upload/verify`,"
                    + " and recording the build's action and the job's latest upload.\n\n");
        }
        if (!batches.isEmpty()) {
            out.append("| batch (one Pipeline, 16 `parallel` branches on 4 agents) | measured batches | uploads succeeded"
                    + " | wall time of the batch | controller CPU per branch | peak threads (idle before)"
                    + " | threads left after | target: all 16 succeed (CPU reported) |\n");
            out.append("| --- | --- | --- | --- | --- | --- | --- | --- |\n");
            double uploadCpu = Double.NaN;
            double plainCpu = Double.NaN;
            for (String kind : List.of("upload", "no-upload")) {
                List<JsonNode> runs = batches.stream().filter(r -> kind.equals(r.path("kind").asText())
                        && "run".equals(r.path("phase").asText())).toList();
                if (runs.isEmpty()) {
                    continue;
                }
                int branches = runs.get(0).path("branches").asInt();
                List<Double> cpuPerBranch = values(runs, r -> r.path("cpu_ms").asDouble() / r.path("branches").asInt());
                if (kind.equals("upload")) {
                    uploadCpu = median(cpuPerBranch);
                } else {
                    plainCpu = median(cpuPerBranch);
                }
                boolean allSucceeded = runs.stream().allMatch(r -> r.path("uploads_succeeded").asInt() == branches);
                out.append("| ").append(kind.equals("upload") ? "`buildstashUpload` of 10 MiB in each branch"
                                : "the same without the upload (`echo`)")
                        .append(" | ").append(runs.size())
                        .append(" | ").append(kind.equals("upload") ? runs.stream().map(r -> r.path("uploads_succeeded").asText())
                                .collect(java.util.stream.Collectors.joining(", ")) + " of " + branches : "–")
                        .append(" | ").append(spreadSeconds(values(runs, r -> r.path("wall_seconds").asDouble())))
                        .append(" | ").append(msCell(cpuPerBranch)).append(" ms")
                        .append(" | ").append(intMedian(runs, "peak_threads")).append(" (").append(intMedian(runs, "threads_before")).append(")")
                        .append(" | ").append(intSpread(runs, r -> r.path("threads_after").asInt() - r.path("threads_before").asInt()))
                        .append(" | ").append(kind.equals("upload") ? verdict(allSucceeded, "") : "")
                        .append(" |\n");
            }
            out.append(String.format(Locale.ROOT, "%nThe plugin's own controller CPU per upload (median per branch with"
                    + " the upload less median per branch without): **%.1f ms**. Figures are median (min–max) of the"
                    + " measured batches (peak threads and the idle count before them: medians); threads left are counted 5 s after the build, against the count before it.%n%n",
                    uploadCpu - plainCpu));
        }
    }

    private static List<Double> values(List<JsonNode> runs, java.util.function.ToDoubleFunction<JsonNode> field) {
        return runs.stream().map(r -> field.applyAsDouble(r)).toList();
    }

    /** Milliseconds to a tenth: one value alone, or the median (min–max) of several. */
    private static String msCell(List<Double> ms) {
        if (ms.size() == 1) {
            return String.format(Locale.ROOT, "%.1f", ms.get(0));
        }
        return ms.isEmpty() ? "–" : String.format(Locale.ROOT, "%.1f (%.1f–%.1f)", median(ms),
                ms.stream().mapToDouble(Double::doubleValue).min().orElse(Double.NaN),
                ms.stream().mapToDouble(Double::doubleValue).max().orElse(Double.NaN));
    }

    private static String spreadSeconds(List<Double> seconds) {
        if (seconds.isEmpty()) {
            return "–";
        }
        return String.format(Locale.ROOT, "%.2f s (%.2f–%.2f)", median(seconds),
                seconds.stream().mapToDouble(Double::doubleValue).min().orElse(Double.NaN),
                seconds.stream().mapToDouble(Double::doubleValue).max().orElse(Double.NaN));
    }

    private static int intMedian(List<JsonNode> runs, String field) {
        return (int) Math.round(median(values(runs, r -> r.path(field).asInt())));
    }

    private static String intSpread(List<JsonNode> runs, java.util.function.ToIntFunction<JsonNode> field) {
        int[] v = runs.stream().mapToInt(field).sorted().toArray();
        if (v.length == 0) {
            return "–";
        }
        int median = v[v.length / 2];
        return v[0] == v[v.length - 1] ? Integer.toString(median) : median + " (" + v[0] + "–" + v[v.length - 1] + ")";
    }

    private void jobPage(StringBuilder out) {
        List<JsonNode> runs = section(out, "jobpage", "Job page: the link to the newest upload", "jobpage_method");
        if (runs.isEmpty()) {
            return;
        }
        out.append("| builds in the job | builds loaded per render | first render after a restart | warm render"
                + " | target: constant in the number of builds |\n| --- | --- | --- | --- | --- |\n");
        boolean none = runs.stream().allMatch(r -> r.path("builds_loaded_per_render").asDouble() == 0);
        for (JsonNode r : runs) {
            out.append("| ").append(r.path("builds").asInt())
                    .append(" | ").append(String.format(Locale.ROOT, "%.0f", r.path("builds_loaded_per_render").asDouble()))
                    .append(" | ").append(String.format(Locale.ROOT, "%.1f µs", r.path("first_render_after_restart_us").asDouble()))
                    .append(" | ").append(String.format(Locale.ROOT, "%.2f µs", r.path("warm_render_us").asDouble()))
                    .append(" | ").append(verdict(none, none ? "no build loaded at any size" : "builds are loaded"))
                    .append(" |\n");
        }
        out.append('\n');
    }

    /** A scenario's results, after its heading and method; nothing is written when it was not run (BENCH_ONLY). */
    private List<JsonNode> section(StringBuilder out, String type, String title, String methodFact) {
        List<JsonNode> runs = select(r -> type.equals(r.path("type").asText()));
        if (!runs.isEmpty()) {
            out.append("### ").append(title).append("\n\n").append(fact(methodFact)).append("\n\n");
        }
        return runs;
    }

    private static String spreadMs(List<Double> ms) {
        if (ms.isEmpty()) {
            return "–";
        }
        return String.format(Locale.ROOT, "%.2f (%.2f–%.2f)", median(ms),
                ms.stream().mapToDouble(Double::doubleValue).min().orElse(Double.NaN),
                ms.stream().mapToDouble(Double::doubleValue).max().orElse(Double.NaN));
    }

    // ---- helpers -------------------------------------------------------------------------------------------------

    private List<JsonNode> select(Predicate<JsonNode> which) {
        return results.stream().filter(which).toList();
    }

    private static TreeSet<Long> sizes(List<JsonNode> runs) {
        TreeSet<Long> sizes = new TreeSet<>();
        runs.forEach(r -> sizes.add(r.path("bytes").asLong()));
        return sizes;
    }

    /** MB/s of each run of {@code client} at {@code size}, from the time in {@code field}. */
    private static List<Double> rates(List<JsonNode> runs, long size, String client, String field) {
        return runs.stream()
                .filter(r -> r.path("bytes").asLong() == size && r.path("client").asText().equals(client))
                .map(r -> size / r.path(field).asDouble() / 1e6)
                .toList();
    }

    static double median(List<Double> values) {
        if (values.isEmpty()) {
            return Double.NaN;
        }
        List<Double> sorted = values.stream().sorted().toList();
        int n = sorted.size();
        return n % 2 == 1 ? sorted.get(n / 2) : (sorted.get(n / 2 - 1) + sorted.get(n / 2)) / 2;
    }

    private static String spread(List<Double> rates) {
        if (rates.isEmpty()) {
            return "–";
        }
        double min = rates.stream().mapToDouble(Double::doubleValue).min().orElse(Double.NaN);
        double max = rates.stream().mapToDouble(Double::doubleValue).max().orElse(Double.NaN);
        return String.format(Locale.ROOT, "%.0f (%.0f–%.0f)", median(rates), min, max);
    }

    private static String times(double ratio) {
        return String.format(Locale.ROOT, "%.2f×", ratio);
    }

    private static String verdict(boolean met, String detail) {
        return (met ? "**met**" : "**missed**") + (detail.isEmpty() ? "" : " (" + detail + ")");
    }

    private static long apiCalls(JsonNode requests) {
        long n = 0;
        for (Iterator<Map.Entry<String, JsonNode>> it = requests.fields(); it.hasNext(); ) {
            Map.Entry<String, JsonNode> e = it.next();
            if (!e.getKey().startsWith("storage")) {
                n += e.getValue().asLong();
            }
        }
        return n;
    }

    private static long storageRequests(JsonNode requests) {
        long n = 0;
        for (Iterator<Map.Entry<String, JsonNode>> it = requests.fields(); it.hasNext(); ) {
            Map.Entry<String, JsonNode> e = it.next();
            if (e.getKey().startsWith("storage")) {
                n += e.getValue().asLong();
            }
        }
        return n;
    }

    private static String byRoute(JsonNode requests) {
        List<String> parts = new ArrayList<>();
        requests.fields().forEachRemaining(e -> parts.add("`" + e.getKey() + "` " + e.getValue().asLong()));
        return String.join(", ", parts);
    }

    private String fact(String name) {
        return facts.getOrDefault(name, "?");
    }

    private static void row(StringBuilder out, String name, String value) {
        out.append("| ").append(name).append(" | ").append(value.replace("|", "\\|")).append(" |\n");
    }
}
