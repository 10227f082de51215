package io.jenkins.plugins.buildstash.reliability;

import java.time.Duration;
import java.util.List;

/** Live threads by name, for checks that the engine leaves none behind. */
final class SoakThreads {

    /** The engine's threads: watchdog, presign and part pools of a transfer ({@code FileTransfer}). */
    static final String ENGINE = "buildstash-";
    /** The emulator's own threads, which share the prefix and live until it is closed. */
    private static final String EMULATOR = "buildstash-emulator";

    private SoakThreads() {}

    /** Threads (not the emulator's) whose name starts with {@code prefix} still alive after giving them up to {@code grace} to end. */
    static List<String> awaitNoneNamed(String prefix, Duration grace) throws InterruptedException {
        long deadline = System.nanoTime() + grace.toNanos();
        List<String> live = named(prefix);
        while (!live.isEmpty() && System.nanoTime() < deadline) {
            Thread.sleep(20);
            live = named(prefix);
        }
        return live;
    }

    static List<String> named(String prefix) {
        return Thread.getAllStackTraces().keySet().stream()
                .filter(t -> t.isAlive() && t.getName().startsWith(prefix) && !t.getName().startsWith(EMULATOR))
                .map(Thread::getName)
                .sorted()
                .toList();
    }
}
