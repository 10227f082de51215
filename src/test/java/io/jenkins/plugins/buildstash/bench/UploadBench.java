package io.jenkins.plugins.buildstash.bench;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.jenkins.plugins.buildstash.api.ApiKey;
import io.jenkins.plugins.buildstash.api.BuildstashClient;
import io.jenkins.plugins.buildstash.upload.FileSide;
import io.jenkins.plugins.buildstash.upload.LocalFile;
import io.jenkins.plugins.buildstash.upload.LocalFileSide;
import io.jenkins.plugins.buildstash.upload.UrlSource;
import io.jenkins.plugins.buildstash.upload.TransferOrder;
import io.jenkins.plugins.buildstash.upload.TransferReceipt;
import io.jenkins.plugins.buildstash.upload.TransferSettings;
import io.jenkins.plugins.buildstash.upload.UploadOptions;
import io.jenkins.plugins.buildstash.upload.UploadResult;
import io.jenkins.plugins.buildstash.upload.UploadSpec;
import io.jenkins.plugins.buildstash.upload.Uploader;
import java.io.IOException;
import java.lang.management.GarbageCollectorMXBean;
import java.lang.management.ManagementFactory;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import java.util.function.Consumer;

/**
 * The upload benchmark's client side: runs one scenario against an emulator started in another JVM (see
 * {@code bench/run.sh}, the one documented command, and {@code docs/performance.md}) and appends one JSON line per
 * measurement to a results file that {@link BenchReport} turns into tables. Not a unit test.
 *
 * <p>Scenarios: {@code warmup} (curl PUTs that let the emulator's JIT settle), {@code single} (our engine,
 * {@code curl --upload-file} and two Java baselines, the JDK client alone and a blocking socket, side by side, warm-ups
 * then interleaved runs), {@code shaped} (whole multipart uploads at
 * several concurrencies and the curl part loop, on a shaped emulator), {@code memory} (one upload, then this JVM's peak
 * RSS) and {@code overhead} (API and storage requests per upload, from the emulator's counters).
 *
 * <p>The emulator is found through {@code BUILDSTASH_BASE_URL} and {@code BUILDSTASH_APPLICATION_KEY}, as
 * {@code EmulatorMain} prints them.
 */
public final class UploadBench {

    private static final ObjectMapper JSON = new ObjectMapper();

    private final Map<String, String> options;
    private final String baseUrl;
    private final BuildstashClient client;
    private final HttpClient inspector = HttpClient.newHttpClient();
    private final Path results;
    private final Path scratch;
    private final List<String> engineLog = new ArrayList<>();
    private int versionCounter;

    private UploadBench(Map<String, String> options) throws IOException {
        this.options = options;
        this.baseUrl = required(System.getenv("BUILDSTASH_BASE_URL"), "BUILDSTASH_BASE_URL");
        this.client = BuildstashClient.builder(ApiKey.of(required(System.getenv("BUILDSTASH_APPLICATION_KEY"),
                "BUILDSTASH_APPLICATION_KEY"))).baseUrl(baseUrl).build();
        this.results = Path.of(option("results"));
        this.scratch = Files.createTempDirectory("buildstash-bench-");
    }

    public static void main(String[] args) throws Exception {
        if (args.length == 0) {
            System.err.println("Usage: UploadBench warmup|single|shaped|memory|overhead --results FILE [options]"
                    + " (run through bench/run.sh)");
            System.exit(2);
        }
        Map<String, String> options = new HashMap<>();
        for (int i = 1; i + 1 < args.length; i += 2) {
            if (!args[i].startsWith("--")) {
                throw new IllegalArgumentException("expected --name value, got " + args[i]);
            }
            options.put(args[i].substring(2), args[i + 1]);
        }
        UploadBench bench = new UploadBench(options);
        bench.recordJvm(args[0]);
        switch (args[0]) {
            case "warmup" -> bench.warmup();
            case "single" -> bench.single();
            case "shaped" -> bench.shaped();
            case "memory" -> bench.memory();
            case "overhead" -> bench.overhead();
            case "fixed" -> bench.fixedCost();
            default -> throw new IllegalArgumentException("unknown scenario " + args[0]);
        }
        // The JDK HTTP clients' selector threads are daemons; nothing else keeps this JVM.
        System.exit(0);
    }

    // ---- scenarios -----------------------------------------------------------------------------------------------

    /** curl PUTs until the emulator's JIT has settled; nothing is recorded. */
    private void warmup() throws Exception {
        Path file = Path.of(option("file"));
        int count = Integer.parseInt(options.getOrDefault("count", "8"));
        for (int i = 1; i <= count; i++) {
            CurlFileSide curl = new CurlFileSide(false, scratch);
            upload(file, curl, TransferSettings.defaults());
            progress("warm-up %d/%d: curl %s at %s", i, count, size(Files.size(file)), rate(Files.size(file), curl.lastSeconds()));
        }
    }

    /**
     * Single PUTs of each file with our engine, {@code curl --upload-file} and curl without {@code Expect}: warm-ups,
     * then runs in rotating order so that no client always goes first.
     */
    private void single() throws Exception {
        int runs = Integer.parseInt(options.getOrDefault("runs", "5"));
        int warmups = Integer.parseInt(options.getOrDefault("warmups", "1"));
        List<String> clients = List.of("ours", "curl", "curl-no-expect", "jdk", "socket", "ours-utf8");
        for (String name : option("files").split(",")) {
            Path file = Path.of(name);
            for (int w = 1; w <= warmups; w++) {
                for (String c : clients) {
                    singleRun(file, c, "warmup", w, warmups);
                }
            }
            for (int r = 1; r <= runs; r++) {
                for (int k = 0; k < clients.size(); k++) {
                    singleRun(file, clients.get((k + r - 1) % clients.size()), "run", r, runs);
                }
            }
        }
    }

    private void singleRun(Path file, String clientName, String phase, int n, int of) throws Exception {
        long size = Files.size(file);
        ObjectNode line = record("single").put("client", clientName).put("phase", phase).put("run", n).put("bytes", size);
        if (clientName.startsWith("ours")) {
            // ours-utf8: the same bytes under a name outside ASCII, whose signed Content-Disposition takes the
            // byte-exact PUT.
            Path sent = clientName.equals("ours-utf8") ? nonAsciiName(file) : file;
            TimedSide side = new TimedSide(new LocalFileSide(engineLog::add));
            double whole = upload(sent, side, TransferSettings.defaults());
            line.put("seconds", side.seconds()).put("whole_seconds", whole);
        } else if (clientName.equals("jdk") || clientName.equals("socket")) {
            SinglePutBaseline baseline = clientName.equals("jdk") ? new PlainJdkFileSide() : new BlockingSocketFileSide();
            line.put("whole_seconds", upload(file, baseline, TransferSettings.defaults()))
                    .put("seconds", baseline.lastSeconds());
        } else {
            CurlFileSide curl = new CurlFileSide(clientName.equals("curl-no-expect"), scratch);
            TimedSide side = new TimedSide(curl);
            double whole = upload(file, side, TransferSettings.defaults());
            line.put("seconds", curl.lastSeconds()).put("process_seconds", side.seconds()).put("whole_seconds", whole);
        }
        write(line);
        progress("single %s %-15s %s %d/%d: %s", size(size), clientName, phase, n, of,
                rate(size, line.get("seconds").asDouble()));
    }

    /** A hard link to {@code file} named {@code jeu-été <name>}, made once. */
    private static Path nonAsciiName(Path file) throws IOException {
        Path named = file.resolveSibling("jeu-été " + file.getFileName());
        if (!Files.exists(named)) {
            Files.createLink(named, file);
        }
        return named;
    }

    /** Whole multipart uploads (request to verify) on a shaped emulator: our engine at each concurrency, then curl. */
    private void shaped() throws Exception {
        Path file = Path.of(option("file"));
        long size = Files.size(file);
        for (String c : option("concurrency").split(",")) {
            int concurrency = Integer.parseInt(c.strip());
            Map<String, Long> before = counts();
            TimedSide side = new TimedSide(new LocalFileSide(engineLog::add));
            double whole = upload(file, side, TransferSettings.defaults().withConcurrency(concurrency));
            write(record("shaped").put("client", "ours").put("concurrency", concurrency).put("bytes", size)
                    .put("seconds", whole).put("transfer_seconds", side.seconds())
                    .set("requests", JSON.valueToTree(diff(before, counts()))));
            progress("shaped %s ours, concurrency %d: %.1f s, %s", size(size), concurrency, whole, rate(size, whole));
        }
        String script = options.get("curl-script");
        if (script != null) {
            Map<String, Long> before = counts();
            Path out = Files.createTempFile(scratch, "curl-loop-", ".out");
            ProcessBuilder pb = new ProcessBuilder("bash", script, file.toString())
                    .redirectErrorStream(true).redirectOutput(out.toFile());
            pb.environment().put("BENCH_VERSION_PATCH", Integer.toString(nextPatch()));
            long start = System.nanoTime();
            int exit = pb.start().waitFor();
            double seconds = (System.nanoTime() - start) / 1e9;
            String text = Files.readString(out);
            if (exit != 0) {
                throw new IOException("the curl part loop failed (exit " + exit + "):\n" + text);
            }
            write(record("shaped").put("client", "curl-loop").put("concurrency", 1).put("bytes", size)
                    .put("seconds", seconds).set("requests", JSON.valueToTree(diff(before, counts()))));
            progress("shaped %s curl part loop: %.1f s, %s", size(size), seconds, rate(size, seconds));
        }
    }

    /** One upload in this JVM (started with a small heap by run.sh), then its peak RSS from /proc. */
    private void memory() throws Exception {
        Path file = Path.of(option("file"));
        long size = Files.size(file);
        TransferSettings settings = options.containsKey("concurrency")
                ? TransferSettings.defaults().withConcurrency(Integer.parseInt(option("concurrency")))
                : TransferSettings.defaults();
        ObjectNode line = record("memory").put("bytes", size).put("concurrency", settings.concurrency());
        Map<String, Long> before = counts();
        try {
            TimedSide side = new TimedSide(new LocalFileSide(engineLog::add));
            double whole = upload(file, side, settings);
            line.put("ok", true).put("seconds", whole);
        } catch (Exception | OutOfMemoryError e) {
            line.put("ok", false).put("error", String.valueOf(e));
        }
        Map<String, String> status = procStatus();
        line.put("vm_hwm_kb", kb(status.get("VmHWM"))).put("vm_rss_kb", kb(status.get("VmRSS")))
                .put("heap_max_bytes", Runtime.getRuntime().maxMemory());
        long gcCount = 0;
        long gcMillis = 0;
        for (GarbageCollectorMXBean gc : ManagementFactory.getGarbageCollectorMXBeans()) {
            gcCount += Math.max(0, gc.getCollectionCount());
            gcMillis += Math.max(0, gc.getCollectionTime());
        }
        line.put("gc_count", gcCount).put("gc_millis", gcMillis);
        line.set("requests", JSON.valueToTree(diff(before, counts())));
        write(line);
        progress("memory %s at concurrency %d, heap max %s: %s, peak RSS %d MB", size(size), settings.concurrency(),
                size(Runtime.getRuntime().maxMemory()), line.get("ok").asBoolean() ? "succeeded" : "FAILED " + line.get("error"),
                line.get("vm_hwm_kb").asLong() * 1024 / 1_000_000);
    }

    /** API calls and storage requests of one default upload per file, from the emulator's counters. */
    private void overhead() throws Exception {
        List<String> files = new ArrayList<>(List.of(option("files").split(",")));
        // The first upload with a key in a JVM learns what kind of key it is (two more calls); a controller does that
        // once per credential, so it is shown on a row of its own and every later row is what a build costs.
        files.add(0, "first:" + files.get(0));
        for (String name : files) {
            boolean first = name.startsWith("first:");
            Path file = Path.of(name.replaceFirst("^first:", ""));
            long size = Files.size(file);
            Map<String, Long> before = counts();
            UploadResult[] result = new UploadResult[1];
            upload(file, new LocalFileSide(engineLog::add), TransferSettings.defaults(), r -> result[0] = r);
            Map<String, Long> requests = diff(before, counts());
            write(record("overhead").put("bytes", size).put("first_with_key", first)
                    .set("requests", JSON.valueToTree(requests)));
            progress("overhead %s: %s", size(size), requests);
        }
    }

    /**
     * The engine's fixed cost per transfer: single PUTs of a tiny file (the bytes take microseconds, so the time is the
     * cost of a transfer as such) with the engine, the plain JDK client and curl, interleaved; then what the engine's
     * share is made of, each part timed alone in this JVM.
     */
    private void fixedCost() throws Exception {
        Path file = Path.of(option("file"));
        int runs = Integer.parseInt(options.getOrDefault("runs", "30"));
        List<String> clients = List.of("ours", "jdk", "curl-no-expect");
        for (int r = -5; r <= runs; r++) { // 5 warm-ups, not recorded
            for (int k = 0; k < clients.size(); k++) {
                String c = clients.get(Math.floorMod(k + r, clients.size()));
                double seconds = switch (c) {
                    case "ours" -> timed(file, new LocalFileSide(engineLog::add));
                    case "jdk" -> {
                        PlainJdkFileSide jdk = new PlainJdkFileSide();
                        upload(file, jdk, TransferSettings.defaults());
                        yield jdk.lastSeconds();
                    }
                    default -> {
                        CurlFileSide curl = new CurlFileSide(true, scratch);
                        upload(file, curl, TransferSettings.defaults());
                        yield curl.lastSeconds();
                    }
                };
                if (r > 0) {
                    write(record("fixed").put("client", c).put("run", r).put("bytes", Files.size(file)).put("seconds", seconds));
                }
            }
        }
        for (Map.Entry<String, Double> part : FixedCostParts.measure(file).entrySet()) {
            write(record("fixed_part").put("part", part.getKey()).put("millis", part.getValue()));
            progress("fixed cost part %-40s %.3f ms", part.getKey(), part.getValue());
        }
    }

    private double timed(Path file, FileSide side) throws Exception {
        TimedSide timed = new TimedSide(side);
        upload(file, timed, TransferSettings.defaults());
        return timed.seconds();
    }

    // ---- plumbing ------------------------------------------------------------------------------------------------

    private double upload(Path file, FileSide side, TransferSettings settings) throws Exception {
        return upload(file, side, settings, r -> {});
    }

    /** One whole upload (key check, request, transfer, verify); returns its wall time in seconds. */
    private double upload(Path file, FileSide side, TransferSettings settings, Consumer<UploadResult> onResult)
            throws Exception {
        UploadSpec spec = new UploadSpec(LocalFile.of(file), null, List.of(),
                UploadOptions.builder().platform("android").stream("beta").version(1, 0, nextPatch()).build(), settings);
        engineLog.clear();
        long start = System.nanoTime();
        UploadResult result = new Uploader(client, side, engineLog::add).upload(spec);
        double seconds = (System.nanoTime() - start) / 1e9;
        if (result.retries() != 0) {
            progress("note: %d retries during this upload: %s", result.retries(), engineLog);
        }
        onResult.accept(result);
        return seconds;
    }

    private int nextPatch() {
        versionCounter++;
        // Versions need only be valid (patch 0-9999); each JVM's uploads get their own.
        return 1 + (int) ((ProcessHandle.current().pid() * 131 + versionCounter) % 9999);
    }

    /** The emulator's request counts per route ({@code GET /_emulator/state}). */
    private Map<String, Long> counts() throws IOException, InterruptedException {
        String origin = baseUrl.replaceFirst("/api/v1/?$", "");
        HttpResponse<String> response = inspector.send(HttpRequest.newBuilder(URI.create(origin + "/_emulator/state")).build(),
                HttpResponse.BodyHandlers.ofString());
        if (response.statusCode() != 200) {
            throw new IOException("GET /_emulator/state answered " + response.statusCode());
        }
        Map<String, Long> counts = new TreeMap<>();
        JSON.readTree(response.body()).path("request_counts").fields()
                .forEachRemaining(e -> counts.put(e.getKey(), e.getValue().asLong()));
        return counts;
    }

    private static Map<String, Long> diff(Map<String, Long> before, Map<String, Long> after) {
        Map<String, Long> d = new TreeMap<>();
        after.forEach((route, n) -> {
            long delta = n - before.getOrDefault(route, 0L);
            if (delta != 0 && !route.equals("inspectState")) {
                d.put(route, delta);
            }
        });
        return d;
    }

    private void recordJvm(String scenario) throws IOException {
        ObjectNode line = record("jvm").put("for", scenario)
                .put("java", System.getProperty("java.vm.name") + " " + Runtime.version())
                .put("cpus", Runtime.getRuntime().availableProcessors())
                .put("heap_max_bytes", Runtime.getRuntime().maxMemory());
        line.set("flags", JSON.valueToTree(ManagementFactory.getRuntimeMXBean().getInputArguments()));
        write(line);
    }

    private ObjectNode record(String type) {
        return JSON.createObjectNode().put("type", type);
    }

    private synchronized void write(JsonNode line) throws IOException {
        Files.writeString(results, JSON.writeValueAsString(line) + "\n", StandardCharsets.UTF_8,
                StandardOpenOption.CREATE, StandardOpenOption.APPEND);
    }

    private static Map<String, String> procStatus() throws IOException {
        Map<String, String> status = new LinkedHashMap<>();
        for (String line : Files.readAllLines(Path.of("/proc/self/status"))) {
            int colon = line.indexOf(':');
            if (colon > 0) {
                status.put(line.substring(0, colon), line.substring(colon + 1).strip());
            }
        }
        return status;
    }

    private static long kb(String value) {
        return value == null ? -1 : Long.parseLong(value.replace("kB", "").strip());
    }

    private String option(String name) {
        return required(options.get(name), "--" + name);
    }

    private static String required(String value, String what) {
        if (value == null || value.isBlank()) {
            throw new IllegalArgumentException(what + " is required");
        }
        return value;
    }

    static String size(long bytes) {
        if (bytes >= 1L << 30) {
            return String.format(Locale.ROOT, "%.4g GiB", bytes / (double) (1L << 30)).replaceFirst("\\.?0+ ", " ");
        }
        return String.format(Locale.ROOT, "%.4g MiB", bytes / (double) (1L << 20)).replaceFirst("\\.?0+ ", " ");
    }

    static String rate(long bytes, double seconds) {
        return String.format(Locale.ROOT, "%.0f MB/s", bytes / seconds / 1e6);
    }

    private static void progress(String format, Object... args) {
        System.out.println("  " + String.format(Locale.ROOT, format, args));
        System.out.flush();
    }

    /** Times the file side alone: from handing over the order to the last ETag. */
    private static final class TimedSide implements FileSide {
        private final FileSide inner;
        private double seconds = Double.NaN;

        TimedSide(FileSide inner) {
            this.inner = inner;
        }

        double seconds() {
            return seconds;
        }

        @Override
        public TransferReceipt transfer(TransferOrder order, UrlSource urls) throws IOException, InterruptedException {
            long start = System.nanoTime();
            try {
                return inner.transfer(order, urls);
            } finally {
                seconds = (System.nanoTime() - start) / 1e9;
            }
        }
    }

    static List<String> split(String csv) {
        return Arrays.stream(csv.split(",")).map(String::strip).filter(s -> !s.isEmpty()).toList();
    }
}
