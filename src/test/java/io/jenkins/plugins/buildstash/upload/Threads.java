package io.jenkins.plugins.buildstash.upload;

import java.util.List;

/** Live threads, for checks that the engine leaves none behind. */
final class Threads {

    private Threads() {}

    /** Live threads whose name starts with {@code prefix}, after giving finished ones a moment to end. */
    static List<String> named(String prefix) throws InterruptedException {
        // Shared HTTP clients end their worker threads 1 s after their last task; on a loaded 2-core machine the
        // exit itself can take as long again, so allow a few seconds before calling a thread left behind.
        long deadline = System.nanoTime() + 5_000_000_000L;
        List<String> live;
        do {
            live = Thread.getAllStackTraces().keySet().stream()
                    .filter(t -> t.isAlive() && t.getName().startsWith(prefix))
                    .map(Thread::getName)
                    .toList();
            if (!live.isEmpty()) {
                Thread.sleep(20);
            }
        } while (!live.isEmpty() && System.nanoTime() < deadline);
        return live;
    }
}
