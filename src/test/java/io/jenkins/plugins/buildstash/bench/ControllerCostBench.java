package io.jenkins.plugins.buildstash.bench;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.jenkins.plugins.buildstash.api.ApiKey;
import io.jenkins.plugins.buildstash.api.BuildstashClient;
import io.jenkins.plugins.buildstash.upload.FileSide;
import io.jenkins.plugins.buildstash.upload.LocalFile;
import io.jenkins.plugins.buildstash.upload.UploadOptions;
import io.jenkins.plugins.buildstash.upload.UploadSpec;
import io.jenkins.plugins.buildstash.upload.Uploader;
import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.lang.management.ManagementFactory;
import java.lang.management.MemoryPoolMXBean;
import java.lang.management.MemoryType;
import java.lang.management.ThreadMXBean;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;

/**
 * The controller-cost scenario: this JVM is the controller, running only the key side of N uploads at once (as N
 * pipelines' steps would), while each file side runs in an agent JVM ({@link SocketAgent}). Per batch it records the
 * controller's CPU time per upload, its peak thread count and peak heap, the threads left once the batch is over, the
 * HTTP clients' selector threads, and the API calls per upload from the emulator's counters.
 *
 * <p>Usage: {@code ControllerCostBench --file F --agents 4 --batches 1,8,32,64 --results R} with the emulator's
 * {@code BUILDSTASH_*} variables set.
 */
public final class ControllerCostBench {

    private static final ObjectMapper JSON = new ObjectMapper();

    public static void main(String[] args) throws Exception {
        java.util.Map<String, String> o = new java.util.HashMap<>();
        for (int i = 0; i + 1 < args.length; i += 2) {
            o.put(args[i].substring(2), args[i + 1]);
        }
        Path file = Path.of(o.get("file"));
        Path results = Path.of(o.get("results"));
        int agentCount = Integer.parseInt(o.getOrDefault("agents", "4"));
        String baseUrl = System.getenv("BUILDSTASH_BASE_URL");
        List<Process> agents = new ArrayList<>();
        List<FileSide> sides = new ArrayList<>();
        try {
            for (int a = 0; a < agentCount; a++) {
                Process p = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                        "-Xmx256m", "-XX:+UseG1GC", "-cp", System.getProperty("java.class.path"),
                        SocketAgent.class.getName()).redirectError(ProcessBuilder.Redirect.INHERIT).start();
                agents.add(p);
                String line = new BufferedReader(new InputStreamReader(p.getInputStream(), StandardCharsets.UTF_8)).readLine();
                sides.add(SocketAgent.fileSide(Integer.parseInt(line.substring("PORT ".length()))));
            }
            BuildstashClient client = BuildstashClient.builder(ApiKey.of(System.getenv("BUILDSTASH_APPLICATION_KEY")))
                    .baseUrl(baseUrl).build();
            AtomicInteger patch = new AtomicInteger((int) (ProcessHandle.current().pid() % 5000));
            // Warm-up: the JIT, the shared HTTP clients, what the key is (learned once per key, as on a controller).
            runBatch(client, sides, file, 8, patch);
            runBatch(client, sides, file, 8, patch);
            Thread.sleep(3000);
            for (String b : o.getOrDefault("batches", "1,8,32,64").split(",")) {
                int n = Integer.parseInt(b.strip());
                ObjectNode line = measure(client, sides, file, n, patch, baseUrl);
                Files.writeString(results, JSON.writeValueAsString(line) + "\n", StandardCharsets.UTF_8,
                        StandardOpenOption.CREATE, StandardOpenOption.APPEND);
                System.out.println("  controller, " + n + " uploads at once: " + line);
            }
        } finally {
            agents.forEach(Process::destroy);
        }
        System.exit(0);
    }

    private static ObjectNode measure(BuildstashClient client, List<FileSide> sides, Path file, int n, AtomicInteger patch,
            String baseUrl) throws Exception {
        ThreadMXBean threads = ManagementFactory.getThreadMXBean();
        com.sun.management.OperatingSystemMXBean os =
                (com.sun.management.OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean();
        System.gc();
        List<MemoryPoolMXBean> heap = ManagementFactory.getMemoryPoolMXBeans().stream()
                .filter(p -> p.getType() == MemoryType.HEAP).toList();
        heap.forEach(MemoryPoolMXBean::resetPeakUsage);
        java.util.Map<String, Long> before = counts(baseUrl);
        int threadsBefore = threads.getThreadCount();
        threads.resetPeakThreadCount();
        long cpuBefore = os.getProcessCpuTime();
        // The process CPU clock ticks in 10 ms steps here: small batches are repeated so that each figure sums
        // at least 16 uploads.
        int repeats = Math.max(1, 16 / n);
        long start = System.nanoTime();
        int failures = 0;
        for (int r = 0; r < repeats; r++) {
            failures += runBatch(client, sides, file, n, patch);
        }
        double wall = (System.nanoTime() - start) / 1e9 / repeats;
        long cpu = os.getProcessCpuTime() - cpuBefore;
        int peakThreads = threads.getPeakThreadCount();
        long peakHeap = heap.stream().mapToLong(p -> p.getPeakUsage().getUsed()).sum();
        java.util.Map<String, Long> after = counts(baseUrl);
        Thread.sleep(3000); // idle worker threads end 1 s after their last task
        int threadsAfter = threads.getThreadCount();
        long selectors = Thread.getAllStackTraces().keySet().stream()
                .filter(t -> t.getName().contains("SelectorManager")).count();
        long apiCalls = 0;
        int uploads = n * repeats;
        for (var e : after.entrySet()) {
            if (!e.getKey().startsWith("storage") && !e.getKey().equals("inspectState")) {
                apiCalls += e.getValue() - before.getOrDefault(e.getKey(), 0L);
            }
        }
        return JSON.createObjectNode().put("type", "controller").put("uploads", n).put("agents", sides.size())
                .put("bytes", Files.size(file)).put("failures", failures)
                .put("repeats", repeats)
                .put("cpu_ms_per_upload", cpu / 1e6 / uploads).put("wall_seconds", wall)
                .put("threads_before", threadsBefore).put("peak_threads", peakThreads).put("threads_after", threadsAfter)
                .put("peak_heap_bytes", peakHeap).put("http_selector_threads", selectors)
                .put("api_calls_per_upload", (double) apiCalls / uploads);
    }

    /** N uploads at once, one thread each (as N steps would run), spread over the agents; returns how many failed. */
    private static int runBatch(BuildstashClient client, List<FileSide> sides, Path file, int n, AtomicInteger patch)
            throws InterruptedException {
        CountDownLatch go = new CountDownLatch(1);
        AtomicInteger failures = new AtomicInteger();
        AtomicReference<Throwable> first = new AtomicReference<>();
        List<Thread> running = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            FileSide side = sides.get(i % sides.size());
            int version = 1 + patch.incrementAndGet() % 9999;
            Thread t = new Thread(() -> {
                try {
                    go.await();
                    new Uploader(client, side, line -> {}).upload(new UploadSpec(LocalFile.of(file), null, List.of(),
                            UploadOptions.builder().platform("android").stream("beta").version(2, 0, version).build(), null));
                } catch (Exception e) {
                    failures.incrementAndGet();
                    first.compareAndSet(null, e);
                }
            }, "pipeline-" + i);
            t.start();
            running.add(t);
        }
        go.countDown();
        for (Thread t : running) {
            t.join();
        }
        if (first.get() != null) {
            System.out.println("  note: " + failures.get() + " of " + n + " uploads failed, first: " + first.get());
        }
        return failures.get();
    }

    private static java.util.Map<String, Long> counts(String baseUrl) throws Exception {
        String origin = baseUrl.replaceFirst("/api/v1/?$", "");
        // HttpURLConnection, not an HttpClient: the inspection must not add a selector thread to what is counted.
        String body;
        try (java.io.InputStream in = URI.create(origin + "/_emulator/state").toURL().openStream()) {
            body = new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
        java.util.Map<String, Long> counts = new java.util.TreeMap<>();
        JSON.readTree(body).path("request_counts").fields().forEachRemaining(e -> counts.put(e.getKey(), e.getValue().asLong()));
        return counts;
    }

}
