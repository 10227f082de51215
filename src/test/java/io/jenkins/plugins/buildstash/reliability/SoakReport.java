package io.jenkins.plugins.buildstash.reliability;

import io.jenkins.plugins.buildstash.upload.Sizes;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.EnumMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;

/**
 * The figures of a {@link FaultSoak} run.
 *
 * @param outcomes how many uploads ended each way
 * @param failedCleanlyAborted clean failures whose pending upload was aborted on Buildstash
 * @param failedCleanlyBeforeCreation clean failures that ended before Buildstash created a pending upload
 * @param orphaned pending uploads left open on Buildstash
 * @param leakedThreads {@code buildstash-*} threads alive once every upload had ended
 * @param retries "Retrying ..." lines: retries of API calls and transfers
 * @param urlRefreshes fresh presigned URLs asked for after storage said one expired
 * @param faultsFired how many requests each transient fault hit
 * @param outagesMet how many uploads met each outage
 * @param failureMessages clean failures by message, with numbers, names and ports replaced by placeholders
 * @param problems every upload that was corrupt, hung, failed unclearly or left something behind, with why
 * @param waited the retry waits the sleeper skipped: what real sleeping would have added
 */
public record SoakReport(
        FaultSoak.Config config,
        Map<Outcome, Integer> outcomes,
        int failedCleanlyAborted,
        int failedCleanlyBeforeCreation,
        long orphaned,
        List<String> leakedThreads,
        long retries,
        long urlRefreshes,
        Map<String, Integer> faultsFired,
        Map<String, Integer> outagesMet,
        Map<String, Integer> failureMessages,
        List<String> problems,
        long bytesCompleted,
        Duration slowestUpload,
        Duration waited,
        Duration wallTime) {

    /** How one upload ended. */
    public enum Outcome {
        /** Returned a build whose stored bytes have the file's size and SHA-256. */
        COMPLETED,
        /** Threw the engine's exception with a clear message, leaving no pending upload open. */
        FAILED_CLEANLY,
        /** Threw, but the message is unclear, the exception is not the engine's, or a pending upload was left open. */
        FAILED_UNCLEARLY,
        /** Threw, yet Buildstash holds a verified build for it: the user is told it failed. */
        FAILED_BUT_BUILT,
        /** Returned a build whose bytes differ from the file. */
        CORRUPT,
        /** Had no outcome within the deadline. */
        HUNG
    }

    public int count(Outcome outcome) {
        return outcomes.getOrDefault(outcome, 0);
    }

    public long faultsInjected() {
        return faultsFired.values().stream().mapToLong(Integer::longValue).sum();
    }

    /** The figures as a Markdown table, then what the faults hit and how failures read. */
    public String table() {
        StringBuilder s = new StringBuilder();
        s.append(String.format(Locale.ROOT, "Fault soak: %d uploads, seed %d, intensity %s, outages %s of uploads%n%n",
                config.uploads(), config.seed(), config.intensity(), config.outageRate()));
        s.append("| figure | value |\n| --- | --- |\n");
        row(s, "completed byte-identical", count(Outcome.COMPLETED));
        row(s, "failed cleanly (clear message, no pending upload left open)", count(Outcome.FAILED_CLEANLY));
        row(s, "  of which the pending upload was aborted", failedCleanlyAborted);
        row(s, "  of which it failed before a pending upload existed", failedCleanlyBeforeCreation);
        row(s, "failed unclearly (must be 0)", count(Outcome.FAILED_UNCLEARLY));
        row(s, "failed although the build was created (must be 0)", count(Outcome.FAILED_BUT_BUILT));
        row(s, "corrupt (must be 0)", count(Outcome.CORRUPT));
        row(s, "hung (must be 0)", count(Outcome.HUNG));
        row(s, "orphaned pending uploads (must be 0)", orphaned);
        row(s, "leaked buildstash-* threads (must be 0)", leakedThreads.size());
        row(s, "uploads that met an outage", outagesMet.values().stream().mapToInt(Integer::intValue).sum());
        row(s, "transient faults injected", faultsInjected());
        row(s, "retries used", retries);
        row(s, "fresh URLs after an expiry", urlRefreshes);
        row(s, "bytes completed", Sizes.bytes(bytesCompleted));
        row(s, "retry waits skipped (virtual)", seconds(waited));
        row(s, "slowest upload (real)", seconds(slowestUpload));
        row(s, "wall time", seconds(wallTime));
        s.append("\nTransient faults injected, by route and kind:\n\n| route: fault | requests hit |\n| --- | --- |\n");
        faultsFired.forEach((label, n) -> row(s, label, n));
        s.append("\nOutages (every request of one route, for one upload):\n\n| outage | uploads |\n| --- | --- |\n");
        outagesMet.forEach((label, n) -> row(s, label, n));
        s.append("\nClean failures, by message:\n\n| message | uploads |\n| --- | --- |\n");
        failureMessages.forEach((message, n) -> row(s, "`" + message.replace("|", "\\|") + "`", n));
        if (!problems.isEmpty()) {
            s.append("\nProblems:\n\n");
            problems.forEach(p -> s.append("- ").append(p).append('\n'));
        }
        return s.toString();
    }

    private static void row(StringBuilder s, String name, Object value) {
        s.append("| ").append(name).append(" | ").append(value).append(" |\n");
    }

    private static String seconds(Duration d) {
        return String.format(Locale.ROOT, "%.1f s", d.toMillis() / 1000.0);
    }

    /** Collects the figures upload by upload. */
    static final class Builder {
        private final FaultSoak.Config config;
        private final Map<Outcome, Integer> outcomes = new EnumMap<>(Outcome.class);
        private final Map<String, Integer> faultsFired = new TreeMap<>();
        private final Map<String, Integer> outagesMet = new TreeMap<>();
        private final Map<String, Integer> failureMessages = new TreeMap<>();
        private final List<String> problems = new ArrayList<>();
        private int aborted;
        private int beforeCreation;
        private long orphaned;
        private long retries;
        private long refreshes;
        private long bytes;
        private Duration slowest = Duration.ZERO;
        private Duration waited = Duration.ZERO;
        private List<String> leaked = List.of();
        private int index;

        Builder(FaultSoak.Config config) {
            this.config = config;
        }

        void upload(Outcome outcome, String outage, String detail, boolean wasAborted, boolean nothingCreated, long open,
                Duration took, long retried, long refreshed) {
            index++;
            outcomes.merge(outcome, 1, Integer::sum);
            if (outage != null) {
                outagesMet.merge(outage, 1, Integer::sum);
            }
            if (outcome == Outcome.FAILED_CLEANLY) {
                failureMessages.merge(normalise(detail), 1, Integer::sum);
                if (wasAborted) {
                    aborted++;
                } else if (nothingCreated) {
                    beforeCreation++;
                }
            } else if (outcome != Outcome.COMPLETED) {
                problems.add("upload " + index + ": " + outcome + (outage == null ? "" : " (outage: " + outage + ")")
                        + ": " + detail);
            }
            orphaned += open;
            retries += retried;
            refreshes += refreshed;
            if (took.compareTo(slowest) > 0) {
                slowest = took;
            }
        }

        void faultsFired(String label, int fired) {
            if (fired > 0) {
                faultsFired.merge(label, fired, Integer::sum);
            }
        }

        void bytesCompleted(long value) {
            bytes += value;
        }

        void leakedThreads(List<String> names) {
            leaked = List.copyOf(names);
            if (!names.isEmpty()) {
                problems.add("threads left: " + names);
            }
        }

        void waited(Duration value) {
            waited = value;
        }

        SoakReport build(Duration wall) {
            return new SoakReport(config, Collections.unmodifiableMap(new EnumMap<>(outcomes)), aborted, beforeCreation,
                    orphaned, leaked, retries, refreshes, Collections.unmodifiableMap(faultsFired), Collections.unmodifiableMap(outagesMet),
                    Collections.unmodifiableMap(failureMessages), List.copyOf(problems), bytes, slowest, waited, wall);
        }

        /** Groups messages that differ only in file names, numbers, ids and ports. */
        static String normalise(String message) {
            return message == null ? "(no message)" : message
                    .replaceAll("build-\\d+\\.bin", "build-N.bin")
                    .replaceAll("127\\.0\\.0\\.1:\\d+", "127.0.0.1:PORT")
                    .replaceAll("[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}", "ID")
                    .replaceAll("\\bpart \\d+ of \\d+\\b", "part N of M")
                    .replaceAll("/primary/\\d+\\?", "/primary/N?")
                    .replaceAll("\\(\\d+(\\.\\d+)? ?(ms|s)\\)", "(T)");
        }
    }
}
