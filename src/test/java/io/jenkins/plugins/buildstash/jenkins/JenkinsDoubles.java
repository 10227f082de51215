package io.jenkins.plugins.buildstash.jenkins;

import edu.umd.cs.findbugs.annotations.NonNull;
import hudson.EnvVars;
import hudson.model.Action;
import hudson.model.Job;
import hudson.model.Run;
import hudson.model.TaskListener;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Minimal stand-ins for the few Jenkins objects the plugin's own logic touches, built on the compile-only surface.
 * They let plain tests drive that logic; the real behaviour of Jenkins is not simulated.
 */
final class JenkinsDoubles {

    private JenkinsDoubles() {}

    /** A run that keeps actions in a list and counts saves. */
    static final class FakeRun extends Run<FakeJob, FakeRun> {
        final List<Action> actions = new CopyOnWriteArrayList<>();
        final AtomicInteger saves = new AtomicInteger();

        FakeRun() {
            super(null, 0L);
        }

        @Override
        public void addAction(@NonNull Action a) {
            actions.add(a);
        }

        @Override
        public <T extends Action> T getAction(Class<T> type) {
            return actions.stream().filter(type::isInstance).map(type::cast).findFirst().orElse(null);
        }

        @Override
        public synchronized void save() {
            saves.incrementAndGet();
        }

        @Override
        public int compareTo(FakeRun o) {
            return 0;
        }
    }

    abstract static class FakeJob extends Job<FakeJob, FakeRun> {
        FakeJob() {
            super(null, null);
        }
    }

    /**
     * Expands ${NAME} and $NAME from its entries, as EnvVars.expand does for the plugin's purposes, and refuses a null
     * value as the real {@code EnvVars.put} does.
     */
    static final class FakeEnv extends EnvVars {
        private static final long serialVersionUID = 1L;

        FakeEnv(Map<String, String> values) {
            putAll(values);
        }

        @Override
        public String put(String key, String value) {
            if (value == null) {
                throw new IllegalArgumentException("Null value not allowed as an environment variable: " + key);
            }
            String old = get(key);
            // TreeMap.merge stores without calling put (which the surface leaves unimplemented).
            merge(key, value, (previous, replacement) -> replacement);
            return old;
        }

        @Override
        public void putIfNotNull(String key, String value) {
            if (value != null) {
                put(key, value);
            }
        }

        @Override
        public String expand(String s) {
            if (s == null) {
                return null;
            }
            String out = s;
            for (Map.Entry<String, String> e : entrySet()) {
                out = out.replace("${" + e.getKey() + "}", e.getValue()).replace("$" + e.getKey(), e.getValue());
            }
            return out;
        }
    }

    /** A listener whose log is kept in memory. */
    static final class MemoryListener implements TaskListener {
        private static final long serialVersionUID = 1L;

        private final transient ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        private final transient PrintStream logger = new PrintStream(bytes, true, StandardCharsets.UTF_8);

        @Override
        public @NonNull PrintStream getLogger() {
            return logger;
        }

        String text() {
            return bytes.toString(StandardCharsets.UTF_8);
        }
    }

    /**
     * A listener whose logger buffers and never flushes by itself, as the remote stream of a listener on an agent does:
     * only what the plugin flushes is in {@link #text()}.
     */
    static final class BufferingListener implements TaskListener {
        private static final long serialVersionUID = 1L;

        private final transient ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        private final transient PrintStream logger =
                new PrintStream(new java.io.BufferedOutputStream(bytes, 1 << 16), false, StandardCharsets.UTF_8);

        @Override
        public @NonNull PrintStream getLogger() {
            return logger;
        }

        String text() {
            return bytes.toString(StandardCharsets.UTF_8);
        }
    }
}
