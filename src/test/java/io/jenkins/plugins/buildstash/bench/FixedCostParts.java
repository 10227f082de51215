package io.jenkins.plugins.buildstash.bench;

import java.net.http.HttpClient;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

/**
 * What a transfer costs before its bytes move, part by part: each JDK operation the file side performs once per
 * transfer (or used to), timed alone in this JVM after a warm-up, median of many repetitions. The names say which.
 */
final class FixedCostParts {

    private FixedCostParts() {}

    interface Step {
        void run() throws Exception;
    }

    static Map<String, Double> measure(Path file) throws Exception {
        Map<String, Double> parts = new LinkedHashMap<>();
        parts.put("thread: start a scheduled executor, schedule, shut down", median(200, () -> {
            ScheduledExecutorService ticker = Executors.newSingleThreadScheduledExecutor();
            ticker.scheduleAtFixedRate(() -> {}, 1, 1, TimeUnit.SECONDS);
            ticker.shutdownNow();
            ticker.awaitTermination(1, TimeUnit.SECONDS);
        }));
        // Each client keeps a selector thread until it is collected, so only a few.
        parts.put("HTTP client: build one (with its selector thread)", median(20, () -> HttpClient.newBuilder().build()));
        parts.put("buffer: allocate one 256 KiB direct chunk", median(200, () -> ByteBuffer.allocateDirect(256 * 1024)));
        parts.put("file: size, open a channel, read 1 KiB, close", median(200, () -> {
            Files.size(file);
            try (FileChannel channel = FileChannel.open(file, StandardOpenOption.READ)) {
                channel.read(ByteBuffer.allocate(1024), 0);
            }
        }));
        return parts;
    }

    /** Milliseconds: the median of {@code n} timed repetitions after {@code n / 4 + 1} untimed ones. */
    static double median(int n, Step step) throws Exception {
        for (int i = 0; i < n / 4 + 1; i++) {
            step.run();
        }
        List<Double> times = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            long start = System.nanoTime();
            step.run();
            times.add((System.nanoTime() - start) / 1e6);
        }
        System.gc(); // the direct chunks and clients made above
        return BenchReport.median(times);
    }

}
