package io.jenkins.plugins.buildstash.emulator;

import java.time.Duration;
import java.util.Locale;
import java.util.Map;

/**
 * The {@code --faults} syntax, for benchmarks and soak runs in a separate JVM: rules separated by {@code ,} or
 * {@code ;}, each {@code ROUTE[@PART]:COUNT:ACTION[:OPTION]...}.
 *
 * <ul>
 *   <li>ROUTE: a route name, or an alias: {@code request}, {@code presign}, {@code presign-expansion}, {@code verify},
 *       {@code abort}, {@code metadata-request}, {@code metadata-verify}, {@code download}, {@code put} (single PUT),
 *       {@code part} (part PUT), {@code get} (download GET); {@code @PART} narrows {@code part} to one part number.
 *   <li>COUNT: {@code *} for every request, or N for the next N.
 *   <li>ACTION: a status code ({@code 503}); {@code reset-after=SIZE} ({@code 0}, {@code 64KiB}, {@code 1MiB});
 *       {@code delay=DURATION} ({@code 500ms}, {@code 2s}); {@code throttle=MBPS}; {@code html}; {@code truncate};
 *       {@code expired}.
 *   <li>OPTION: {@code p=0.05} (probability), {@code retry-after=SECONDS}, {@code retry-after-date=SECONDS} (an
 *       HTTP-date that many seconds ahead).
 * </ul>
 *
 * Example: {@code part:*:reset-after=1MiB:p=0.01,presign:*:429:p=0.05:retry-after=1,verify:1:503}.
 */
final class FaultSpec {

    static final Map<String, String> ALIASES = Map.ofEntries(
            Map.entry("request", "requestUpload"),
            Map.entry("presign", "requestMultipartPart"),
            Map.entry("presign-expansion", "requestMultipartExpansionPart"),
            Map.entry("verify", "verifyUpload"),
            Map.entry("abort", "abortUpload"),
            Map.entry("metadata-request", "requestMetadataUpload"),
            Map.entry("metadata-verify", "verifyMetadataUpload"),
            Map.entry("download", "downloadBuild"),
            Map.entry("put", "storagePutObject"),
            Map.entry("part", "storageUploadPart"),
            Map.entry("get", "storageGetObject"));

    private FaultSpec() {}

    /** Adds every rule of {@code spec} to {@code faults}. */
    static void apply(String spec, Faults faults) {
        for (String rule : spec.split("[,;]")) {
            if (!rule.isBlank()) {
                applyRule(rule.trim(), faults);
            }
        }
    }

    private static void applyRule(String rule, Faults faults) {
        String[] fields = rule.split(":");
        if (fields.length < 3) {
            throw new IllegalArgumentException("fault rule '" + rule + "' is not ROUTE[@PART]:COUNT:ACTION[:OPTION]...");
        }
        String[] target = fields[0].split("@", 2);
        Faults.Builder builder = faults.on(ALIASES.getOrDefault(target[0], target[0]));
        if (target.length == 2) {
            builder.part(Integer.parseInt(target[1]));
        }
        if (fields[1].equals("*")) {
            builder.always();
        } else {
            builder.times(Integer.parseInt(fields[1]));
        }
        Fault fault = action(fields[2], rule);
        for (int i = 3; i < fields.length; i++) {
            String[] option = fields[i].split("=", 2);
            if (option.length != 2) {
                throw new IllegalArgumentException("option '" + fields[i] + "' in '" + rule + "' is not NAME=VALUE");
            }
            switch (option[0]) {
                case "p" -> builder.probability(Double.parseDouble(option[1]));
                case "retry-after" -> fault = withRetryAfter(fault, RetryAfter.seconds(Long.parseLong(option[1])), rule);
                case "retry-after-date" -> fault = withRetryAfter(
                        fault, RetryAfter.httpDate(Duration.ofSeconds(Long.parseLong(option[1]))), rule);
                default -> throw new IllegalArgumentException("unknown option '" + option[0] + "' in '" + rule + "'");
            }
        }
        builder.inject(fault);
    }

    private static Fault action(String action, String rule) {
        if (action.matches("\\d{3}")) {
            return Fault.status(Integer.parseInt(action));
        }
        String[] parts = action.split("=", 2);
        return switch (parts[0]) {
            case "reset-after" -> Fault.resetAfterBodyBytes(bytes(value(parts, rule)));
            case "delay" -> Fault.delayHeaders(duration(value(parts, rule)));
            case "throttle" -> Fault.throttleBody((long) (Double.parseDouble(value(parts, rule)) * 1_000_000));
            case "html" -> Fault.htmlPage();
            case "truncate" -> Fault.truncateBody();
            case "expired" -> Fault.expiredUrl();
            default -> throw new IllegalArgumentException("unknown action '" + action + "' in '" + rule + "'");
        };
    }

    private static String value(String[] parts, String rule) {
        if (parts.length != 2) {
            throw new IllegalArgumentException("'" + parts[0] + "' needs a value in '" + rule + "'");
        }
        return parts[1];
    }

    private static Fault withRetryAfter(Fault fault, RetryAfter retryAfter, String rule) {
        if (!(fault instanceof Fault.Status status)) {
            throw new IllegalArgumentException("retry-after applies to a status action only: '" + rule + "'");
        }
        return status.withRetryAfter(retryAfter);
    }

    /** {@code 1048576}, {@code 64KiB}, {@code 1MiB}, {@code 5GiB}. */
    static long bytes(String text) {
        String lower = text.trim().toLowerCase(Locale.ROOT);
        long unit = 1;
        for (Map.Entry<String, Long> suffix : Map.of("kib", 1L << 10, "mib", 1L << 20, "gib", 1L << 30).entrySet()) {
            if (lower.endsWith(suffix.getKey())) {
                unit = suffix.getValue();
                lower = lower.substring(0, lower.length() - 3);
            }
        }
        return Math.multiplyExact(Long.parseLong(lower.trim()), unit);
    }

    /** {@code 250ms} or {@code 2s}. */
    static Duration duration(String text) {
        String lower = text.trim().toLowerCase(Locale.ROOT);
        if (lower.endsWith("ms")) {
            return Duration.ofMillis(Long.parseLong(lower.substring(0, lower.length() - 2)));
        }
        if (lower.endsWith("s")) {
            return Duration.ofMillis(Math.round(Double.parseDouble(lower.substring(0, lower.length() - 1)) * 1000));
        }
        throw new IllegalArgumentException("a duration needs a unit, ms or s: " + text);
    }
}
