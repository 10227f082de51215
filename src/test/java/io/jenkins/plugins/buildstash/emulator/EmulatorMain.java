package io.jenkins.plugins.buildstash.emulator;

import java.io.PrintStream;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.CountDownLatch;

/**
 * Starts an emulator with a seeded workspace for manual runs, the demo and benchmarks (in a JVM of its own), prints
 * what a client needs once as {@code NAME=value} lines (a shell can {@code source} them), then serves until killed.
 * Usage: see {@link #USAGE} and {@code docs/emulator.md}.
 */
public final class EmulatorMain {

    static final String USAGE = String.join("\n",
            "Usage: EmulatorMain [options]",
            "  --port N                    port on 127.0.0.1 (default 0: a free port)",
            "  --etag md5|cheap            ETags: S3-faithful MD5 (default) or CRC32C+length for throughput",
            "  --part-size-mb N            multipart part size in MiB (default 50)",
            "  --multipart-threshold SIZE  multipart above SIZE bytes, e.g. 8MiB (default 5GiB)",
            "  --bandwidth-mbps X          cap each connection's request body at X Mbit/s",
            "  --latency-ms N              add N ms before every response's headers",
            "  --faults SPEC               scripted faults, e.g. presign:*:429:p=0.05:retry-after=1",
            "  --rate-limit ROUTE=N/UNIT[:application|workspace]  e.g. presign=120/min (repeatable)",
            "  --retry-after seconds|date|none  the Retry-After of rate-limited answers (default seconds)",
            "  --store-dir DIR             keep uploaded bytes in DIR (default: a temporary directory)",
            "  --no-store                  keep only sizes and ETags, not bytes (benchmarks)",
            "  --no-samples                do not seed sample builds and a release");

    private EmulatorMain() {}

    public static void main(String[] args) throws Exception {
        Arguments arguments;
        try {
            arguments = Arguments.parse(args);
        } catch (IllegalArgumentException e) {
            System.err.println(e.getMessage());
            System.err.println(USAGE);
            System.exit(2);
            return;
        }
        if (arguments.help) {
            System.out.println(USAGE);
            return;
        }
        BuildstashEmulator emulator = BuildstashEmulator.start(arguments.options);
        CountDownLatch stopped = new CountDownLatch(1);
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            emulator.close();
            stopped.countDown();
        }, "buildstash-emulator-shutdown"));
        arguments.limits.forEach(emulator::addRateLimit);
        if (arguments.faults != null) {
            FaultSpec.apply(arguments.faults, emulator.faults());
        }
        Seed seed = emulator.seedDefaults();
        if (arguments.samples) {
            emulator.seedSampleBuilds(seed);
        }
        describe(emulator, seed, System.out);
        stopped.await();
    }

    /** Prints each value once, keys included: the only place a key is ever shown. */
    static void describe(BuildstashEmulator emulator, Seed seed, PrintStream out) {
        EmulatorOptions options = emulator.options();
        out.println("# Buildstash emulator: ETags " + options.etagMode().name().toLowerCase(Locale.ROOT)
                + ", multipart above " + options.multipartThresholdBytes() + " bytes in " + options.partSizeMb()
                + " MiB parts" + (options.keepBytes() ? "" : ", bytes not kept") + ". Stop it with Ctrl-C.");
        out.println("BUILDSTASH_BASE_URL=" + emulator.apiBaseUrl());
        out.println("BUILDSTASH_WORKSPACE_ID=" + seed.workspaceId());
        out.println("BUILDSTASH_APPLICATION_ID=" + seed.applicationId());
        out.println("BUILDSTASH_APPLICATION_NAME='" + seed.applicationName() + "'");
        out.println("BUILDSTASH_PLATFORMS=" + String.join(",", seed.platforms()));
        out.println("BUILDSTASH_STREAMS=" + String.join(",", seed.streams()));
        out.println("BUILDSTASH_OTHER_APPLICATION_ID=" + seed.otherApplicationId());
        out.println("BUILDSTASH_WORKSPACE_KEY=" + seed.workspaceKey());
        out.println("BUILDSTASH_APPLICATION_KEY=" + seed.applicationKey());
        out.flush();
    }

    /** The parsed command line. */
    static final class Arguments {
        EmulatorOptions options = EmulatorOptions.defaults();
        final List<RateLimit> limits = new ArrayList<>();
        String faults;
        boolean samples = true;
        boolean help;

        static Arguments parse(String[] args) {
            Arguments parsed = new Arguments();
            for (int i = 0; i < args.length; i++) {
                String flag = args[i];
                switch (flag) {
                    case "--help", "-h" -> parsed.help = true;
                    case "--no-store" -> parsed.options = parsed.options.withKeepBytes(false);
                    case "--no-samples" -> parsed.samples = false;
                    default -> {
                        if (i + 1 >= args.length) {
                            throw new IllegalArgumentException("unknown option or missing value: " + flag);
                        }
                        parsed.apply(flag, args[++i]);
                    }
                }
            }
            return parsed;
        }

        private void apply(String flag, String value) {
            switch (flag) {
                case "--port" -> options = options.withPort(Integer.parseInt(value));
                case "--etag" -> options = options.withEtagMode(EtagMode.valueOf(value.toUpperCase(Locale.ROOT)));
                case "--part-size-mb" -> options = options.withPartSizeMb(Integer.parseInt(value));
                case "--multipart-threshold" -> options = options.withMultipartThresholdBytes(FaultSpec.bytes(value));
                case "--bandwidth-mbps" -> options =
                        options.withBandwidthBitsPerSecond((long) (Double.parseDouble(value) * 1_000_000));
                case "--latency-ms" -> options = options.withLatency(Duration.ofMillis(Long.parseLong(value)));
                case "--faults" -> faults = value;
                case "--rate-limit" -> limits.add(rateLimit(value));
                case "--retry-after" -> options = options.withRetryAfterStyle(switch (value) {
                    case "seconds" -> RetryAfter.Style.SECONDS;
                    case "date" -> RetryAfter.Style.HTTP_DATE;
                    case "none" -> RetryAfter.Style.NONE;
                    default -> throw new IllegalArgumentException("--retry-after takes seconds, date or none");
                });
                case "--store-dir" -> options = options.withStoreDirectory(Path.of(value));
                default -> throw new IllegalArgumentException("unknown option: " + flag);
            }
        }

        /** {@code ROUTE=N/UNIT[:application|workspace]}, UNIT one of s, min, h; per application by default. */
        static RateLimit rateLimit(String text) {
            String[] scoped = text.split(":", 2);
            String[] routeAndRate = scoped[0].split("=", 2);
            String[] rate = routeAndRate.length == 2 ? routeAndRate[1].split("/", 2) : new String[0];
            if (rate.length != 2) {
                throw new IllegalArgumentException("--rate-limit takes ROUTE=N/UNIT[:application|workspace]: " + text);
            }
            Duration window = switch (rate[1]) {
                case "s" -> Duration.ofSeconds(1);
                case "min" -> Duration.ofMinutes(1);
                case "h" -> Duration.ofHours(1);
                default -> throw new IllegalArgumentException("rate-limit unit must be s, min or h: " + text);
            };
            String route = FaultSpec.ALIASES.getOrDefault(routeAndRate[0], routeAndRate[0]);
            RateLimit.Scope scope = scoped.length == 2
                    ? RateLimit.Scope.valueOf(scoped[1].toUpperCase(Locale.ROOT))
                    : RateLimit.Scope.APPLICATION;
            return new RateLimit(java.util.Set.of(route), scope, Integer.parseInt(rate[0]), window);
        }
    }
}
