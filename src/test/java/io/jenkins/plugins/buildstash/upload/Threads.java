package io.jenkins.plugins.buildstash.upload;

import java.util.List;

/** Live threads, for checks that the engine leaves none behind. */
final class Threads {

    private Threads() {}

    /** Live threads whose name starts with {@code prefix}, after giving finished ones a moment to end. */
    static List<String> named(String prefix) throws InterruptedException {
        long deadline = System.nanoTime() + 2_000_000_000L;
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
