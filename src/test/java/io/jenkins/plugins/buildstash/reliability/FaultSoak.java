package io.jenkins.plugins.buildstash.reliability;

import io.jenkins.plugins.buildstash.api.BuildstashClient;
import io.jenkins.plugins.buildstash.api.BuildstashException;
import io.jenkins.plugins.buildstash.emulator.EmulatorOptions;
import io.jenkins.plugins.buildstash.emulator.PendingUploadView;
import io.jenkins.plugins.buildstash.emulator.StoredBuild;
import io.jenkins.plugins.buildstash.testing.ApiFixture;
import io.jenkins.plugins.buildstash.testing.Files2;
import io.jenkins.plugins.buildstash.testing.RecordingSleeper;
import io.jenkins.plugins.buildstash.testing.SecretLedger;
import io.jenkins.plugins.buildstash.upload.InvalidUploadException;
import io.jenkins.plugins.buildstash.upload.LocalFile;
import io.jenkins.plugins.buildstash.upload.LocalFileSide;
import io.jenkins.plugins.buildstash.upload.TransferSettings;
import io.jenkins.plugins.buildstash.upload.UploadOptions;
import io.jenkins.plugins.buildstash.upload.UploadResult;
import io.jenkins.plugins.buildstash.upload.UploadSpec;
import io.jenkins.plugins.buildstash.upload.Uploader;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashSet;
import java.util.List;
import java.util.Random;
import java.util.Set;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.Consumer;
import java.util.regex.Pattern;

/**
 * Runs uploads of random sizes through the real key side and file side against the emulator while {@link FaultMix}
 * breaks requests, and checks each outcome: completed byte-identical (the emulator's SHA-256 of the stored build), or
 * failed with a clear message and no pending upload left open. Retries wait on a sleeper that does not really sleep,
 * so hundreds of uploads take seconds; timeouts (slow headers) are real and cost real time.
 *
 * <p>The seed fixes every size, content, part concurrency and which uploads meet an outage. Which single requests a
 * transient fault hits also depends on how the parts in flight interleave, so two runs with one seed can differ in the
 * retry figures, never in the invariants.
 */
public final class FaultSoak {

    private static final long MIB = 1024 * 1024;
    private static final Pattern NULL_WORD = Pattern.compile("\\bnull\\b");
    private static final Pattern NAMES_A_CALL = Pattern.compile("\\b(GET|POST|PUT) |\\bpart \\d+ of \\d+ of ");

    /**
     * @param uploads how many uploads to run, one after the other
     * @param intensity multiplies every transient fault's probability (1 is the documented mix)
     * @param outageRate the share of uploads that meet an outage, which they must not survive
     * @param maxBytes the largest file; files above 1 MiB go in 1 MiB parts
     * @param apiTimeout the client's API request timeout: slow headers beyond it are timeouts
     * @param stallTimeout the file side's stall timeout: slow storage headers beyond it are stalls
     * @param uploadDeadline an upload still running after this is counted as hung and interrupted
     */
    public record Config(int uploads, long seed, double intensity, double outageRate, long maxBytes,
            Duration apiTimeout, Duration stallTimeout, Duration uploadDeadline) {

        public static Config of(int uploads, long seed) {
            // A 1 s API timeout: short enough that slow headers cost little real time, long enough that a loaded machine
            // does not time out a normal call (an upload request that times out is never repeated: it would orphan).
            return new Config(uploads, seed, 1.0, 0.15, 4 * MIB + 4096, Duration.ofSeconds(1), Duration.ofSeconds(1),
                    Duration.ofSeconds(120));
        }

        public Config withIntensity(double value) {
            return new Config(uploads, seed, value, outageRate, maxBytes, apiTimeout, stallTimeout, uploadDeadline);
        }

        public Config withOutageRate(double value) {
            return new Config(uploads, seed, intensity, value, maxBytes, apiTimeout, stallTimeout, uploadDeadline);
        }

        public Config withMaxBytes(long value) {
            return new Config(uploads, seed, intensity, outageRate, value, apiTimeout, stallTimeout, uploadDeadline);
        }
    }

    private FaultSoak() {}

    /**
     * @param workDir where the test files are written (each is deleted after its upload)
     * @param progress told one line per finished upload
     */
    public static SoakReport run(Config config, Path workDir, Consumer<String> progress)
            throws IOException, InterruptedException {
        long started = System.nanoTime();
        Random random = new Random(config.seed());
        FaultMix mix = new FaultMix(config.intensity(), config.apiTimeout(), config.stallTimeout());
        SoakReport.Builder report = new SoakReport.Builder(config);
        RecordingSleeper sleeper = new RecordingSleeper();
        ExecutorService runner = Executors.newSingleThreadExecutor(r -> {
            Thread t = new Thread(r, "soak-upload");
            t.setDaemon(true);
            return t;
        });
        try (ApiFixture api = ApiFixture.start(EmulatorOptions.defaults().withMultipartThresholdBytes(MIB)
                .withPartSizeMb(1).withRandomSeed(config.seed()))) {
            for (int i = 1; i <= config.uploads(); i++) {
                long size = size(random, config.maxBytes());
                boolean multipart = size > MIB;
                int concurrency = 1 + random.nextInt(4);
                long contentSeed = random.nextLong();
                FaultMix.Outage outage = random.nextDouble() < config.outageRate() ? mix.outageFor(multipart, random) : null;

                api.emulator.faults().clear();
                List<FaultMix.Scripted> scripted = new java.util.ArrayList<>();
                if (outage != null) {
                    api.emulator.faults().on(outage.route()).always().inject(outage.fault());
                }
                scripted.addAll(mix.install(api.emulator.faults()));

                Path file = Files2.random(workDir, "build-" + i + ".bin", size, contentSeed);
                String sha256 = Files2.sha256(file);
                Set<String> before = new HashSet<>();
                api.emulator.uploads().forEach(u -> before.add(u.id()));
                List<String> log = new CopyOnWriteArrayList<>();
                Uploader uploader = uploader(api, config, sleeper, log);
                UploadSpec spec = new UploadSpec(LocalFile.of(file), null, List.of(),
                        UploadOptions.builder().platform("windows").stream("nightly").version(1, i / 100, i % 100).build(),
                        TransferSettings.defaults().withConcurrency(concurrency).withStallTimeout(config.stallTimeout()));

                long uploadStarted = System.nanoTime();
                Future<UploadResult> running = runner.submit(() -> uploader.upload(spec));
                SoakReport.Outcome outcome;
                String detail;
                try {
                    UploadResult result = running.get(config.uploadDeadline().toMillis(), TimeUnit.MILLISECONDS);
                    StoredBuild stored = api.emulator.storedBuild(result.buildId()).orElse(null);
                    boolean identical = stored != null && stored.primary().sizeBytes() == size
                            && stored.primary().sha256().equals(sha256);
                    outcome = identical ? SoakReport.Outcome.COMPLETED : SoakReport.Outcome.CORRUPT;
                    detail = identical ? null : "build " + result.buildId() + " differs from " + file.getFileName();
                    report.bytesCompleted(identical ? size : 0);
                } catch (TimeoutException e) {
                    running.cancel(true);
                    outcome = SoakReport.Outcome.HUNG;
                    detail = "no outcome after " + config.uploadDeadline().toSeconds() + " s";
                    awaitEnd(running);
                } catch (ExecutionException e) {
                    Throwable failure = e.getCause();
                    SecretLedger.observe("soak failure", failure);
                    detail = failure.getMessage();
                    outcome = classify(failure, file.getFileName().toString());
                }
                Duration took = Duration.ofNanos(System.nanoTime() - uploadStarted);

                List<PendingUploadView> mine = api.emulator.uploads().stream().filter(u -> !before.contains(u.id())).toList();
                long open = mine.stream().filter(u -> u.status().equals("OPEN")).count();
                boolean aborted = mine.stream().anyMatch(u -> u.status().equals("ABORTED"));
                boolean verified = mine.stream().anyMatch(u -> u.status().equals("VERIFIED"));
                if (outcome == SoakReport.Outcome.FAILED_CLEANLY) {
                    if (open > 0) {
                        outcome = SoakReport.Outcome.FAILED_UNCLEARLY;
                        detail = "left a pending upload open: " + detail;
                    } else if (verified) {
                        outcome = SoakReport.Outcome.FAILED_BUT_BUILT;
                    }
                }
                report.upload(outcome, outage == null ? null : outage.label(), detail, aborted, mine.isEmpty(), open, took,
                        log.stream().filter(l -> l.startsWith("Retrying ")).count(),
                        log.stream().filter(l -> l.contains("expired; asking Buildstash for a new one")).count());
                scripted.forEach(s -> report.faultsFired(s.label(), s.rule().fired()));
                Files.delete(file);
                progress.accept(String.format(java.util.Locale.ROOT, "upload %d/%d: %s, %d bytes, %d at a time%s: %s (%d ms)",
                        i, config.uploads(), multipart ? "multipart" : "single", size, concurrency,
                        outage == null ? "" : ", outage: " + outage.label(), outcome, took.toMillis()));
            }
        } finally {
            runner.shutdownNow();
            runner.awaitTermination(30, TimeUnit.SECONDS);
        }
        report.leakedThreads(SoakThreads.awaitNoneNamed(SoakThreads.ENGINE, Duration.ofSeconds(5)));
        report.waited(sleeper.waits().stream().reduce(Duration.ZERO, Duration::plus));
        return report.build(Duration.ofNanos(System.nanoTime() - started));
    }

    private static Uploader uploader(ApiFixture api, Config config, RecordingSleeper sleeper, List<String> log) {
        Consumer<String> sink = SecretLedger.log("soak", log);
        BuildstashClient client = api.builder(api.seed.applicationKey())
                .requestTimeout(config.apiTimeout())
                .sleeper(sleeper)
                .log(sink)
                .build();
        return new Uploader(client, new LocalFileSide(sink, sleeper), sink);
    }

    /** Two sizes in five are single-part (1 byte to 1 MiB), the rest multipart up to {@code maxBytes}. */
    private static long size(Random random, long maxBytes) {
        if (random.nextInt(5) < 2 || maxBytes <= MIB) {
            // Spread over the orders of magnitude: as many files of a few bytes as of hundreds of KiB.
            return Math.max(1, (long) Math.pow(2, random.nextDouble() * 20));
        }
        return MIB + 1 + (long) (random.nextDouble() * (maxBytes - MIB - 1));
    }

    /** Clean: the engine's own exception, with a message that says what happened without a trace or a "null". */
    static SoakReport.Outcome classify(Throwable failure, String fileName) {
        return unclearReason(failure, fileName) == null ? SoakReport.Outcome.FAILED_CLEANLY
                : SoakReport.Outcome.FAILED_UNCLEARLY;
    }

    /** Why a failure's message would not help a user, or null when it is clear. */
    static String unclearReason(Throwable failure, String fileName) {
        if (!(failure instanceof BuildstashException) && !(failure instanceof InvalidUploadException)) {
            return "not a Buildstash failure: " + failure.getClass().getName();
        }
        String message = failure.getMessage();
        if (message == null || message.isBlank()) {
            return "no message";
        }
        if (message.contains("\tat ") || message.contains("Exception")) {
            return "a stack trace or an exception's name";
        }
        if (NULL_WORD.matcher(message).find()) {
            return "says null";
        }
        if (!NAMES_A_CALL.matcher(message).find() && !message.contains(fileName)) {
            return "names neither the call nor the file";
        }
        return null;
    }

    private static void awaitEnd(Future<?> running) throws InterruptedException {
        try {
            running.get(30, TimeUnit.SECONDS);
        } catch (ExecutionException | java.util.concurrent.CancellationException | TimeoutException e) {
            // the upload ended, or will never: it is already counted as hung
        }
    }
}
