package io.jenkins.plugins.buildstash.upload;

import io.jenkins.plugins.buildstash.api.BuildstashException;
import io.jenkins.plugins.buildstash.api.Failure;
import io.jenkins.plugins.buildstash.api.HttpClients;
import io.jenkins.plugins.buildstash.api.Retrier;
import io.jenkins.plugins.buildstash.api.RetryBudget;
import io.jenkins.plugins.buildstash.api.RetryPolicy;
import io.jenkins.plugins.buildstash.api.Sleeper;
import io.jenkins.plugins.buildstash.api.model.PresignedRequest;
import java.io.IOException;
import java.net.http.HttpClient;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletionService;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorCompletionService;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledThreadPoolExecutor;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Consumer;
import java.util.random.RandomGenerator;

/**
 * The file side: sends the files of a {@link TransferOrder} to storage, in constant memory, with parts in parallel.
 * It holds presigned URLs only. Each part is read from its own offset, retried from that offset under the storage
 * retry policy, and given a fresh URL once when storage says the old one expired. On a final failure or an interrupt,
 * the parts in flight are cancelled and no thread is left behind; the key side then aborts the pending upload.
 */
public final class FileTransfer {

    private static final AtomicInteger POOLS = new AtomicInteger();

    /**
     * One thread per JVM for every transfer's stall watchdogs and progress ticks, started when a transfer needs it and
     * ended 1 s after the last task: a scheduler of its own cost each transfer a thread start and stop, 0.2-1 ms of a
     * small file's transfer (docs/performance.md, fixed cost). Its tasks only compare times, cancel and print.
     */
    private static final ScheduledThreadPoolExecutor TICKER = ticker();

    private static ScheduledThreadPoolExecutor ticker() {
        ScheduledThreadPoolExecutor t = new ScheduledThreadPoolExecutor(0, named("buildstash-ticker"));
        t.setKeepAliveTime(1, TimeUnit.SECONDS);
        t.setRemoveOnCancelPolicy(true); // a cancelled task must not keep the thread alive until its next run
        return t;
    }

    private final TransferOrder order;
    private final UrlSource urls;
    private final Consumer<String> log;
    private final HttpClient http;
    private final Sleeper sleeper;
    private final RandomGenerator random;

    /** A transfer with its own storage HTTP client (honouring the order's proxy) and real time. */
    public FileTransfer(TransferOrder order, UrlSource urls, Consumer<String> log) {
        this(order, urls, log,
                HttpClients.forStorage(order.settings().proxy(), order.settings().connectTimeout()),
                Sleeper.SYSTEM, RandomGenerator.getDefault());
    }

    public FileTransfer(TransferOrder order, UrlSource urls, Consumer<String> log, HttpClient http,
            Sleeper sleeper, RandomGenerator random) {
        this.order = order;
        this.urls = urls;
        this.log = log;
        this.http = http;
        this.sleeper = sleeper;
        this.random = random;
    }

    public TransferReceipt run() throws IOException, InterruptedException {
        TransferSettings settings = order.settings();
        RetryBudget budget = RetryBudget.standard();
        int pool = POOLS.incrementAndGet();
        // Every task this transfer schedules on the shared ticker is cancelled when the PUT or file it watches ends.
        StoragePut storage = new StoragePut(http, TICKER, settings);
        List<FileReceipt> receipts = new ArrayList<>();
        for (FileOrder file : order.files()) {
            receipts.add(send(file, storage, TICKER, budget, pool));
        }
        return new TransferReceipt(receipts);
    }

    private FileReceipt send(FileOrder file, StoragePut storage, ScheduledExecutorService ticker, RetryBudget budget,
            int pool) throws IOException, InterruptedException {
        Path path = Path.of(file.path());
        FileChangedException.check(file);
        TransferProgress progress = new TransferProgress(file.name(), file.size(), order.settings(), log);
        Retrier retrier = new Retrier(new RetryPolicy(order.settings().retryLimits()), sleeper, random, line -> {
            progress.retried();
            log.accept(line);
        });
        java.util.concurrent.ScheduledFuture<?> ticks = ticker.scheduleAtFixedRate(progress::tick, 1, 1, TimeUnit.SECONDS);
        try {
            List<String> etags = file.isMultipart()
                    ? sendParts(file, path, storage, retrier, budget, progress, pool)
                    : List.of(String.valueOf(sendSingle(file, path, storage, retrier, budget, progress)));
            // A file that grew or was rewritten after its bytes were read would otherwise become a build that is not
            // the file on disk: this last look comes before the key side verifies.
            FileChangedException.check(file);
            progress.summary(file.isMultipart() ? file.partCount() : 0, order.settings().concurrency());
            return new FileReceipt(file.role(), file.index(), file.name(), file.size(), etags, progress.elapsedMillis(),
                    progress.retries());
        } finally {
            ticks.cancel(false);
        }
    }

    private String sendSingle(FileOrder file, Path path, StoragePut storage, Retrier retrier, RetryBudget budget,
            TransferProgress progress) throws IOException, InterruptedException {
        PresignedRequest put = urls.singlePut(file.role(), file.index());
        Map<String, String> headers = new LinkedHashMap<>(put.headers());
        // Every official client adds it; Buildstash does not return it among the signed headers (brief G13).
        headers.putIfAbsent("x-amz-acl", "private");
        String what = file.name();
        return retrier.call(RetryPolicy.CallKind.STORAGE, "PUT " + what, budget, attempt -> {
            FileChangedException.check(file);
            try {
                return storage.put(put.url(), headers, path, 0, file.size(),
                        order.settings().expectContinue() && attempt == 1, what, progress::add);
            } catch (StorageException e) {
                // A file cut short mid-body looks like a broken connection: look at the file before blaming the network.
                FileChangedException.check(file);
                if (e.urlExpired()) {
                    throw new StorageException(e.getMessage() + "; a single-part upload cannot get a new URL, so run"
                            + " the upload again", e.operation(), Failure.of(Failure.Type.PERMANENT), true);
                }
                throw e;
            }
        });
    }

    private List<String> sendParts(FileOrder file, Path path, StoragePut storage, Retrier retrier, RetryBudget budget,
            TransferProgress progress, int pool) throws IOException, InterruptedException {
        int workers = Math.min(order.settings().concurrency(), file.partCount());
        ExecutorService presigner = Executors.newSingleThreadExecutor(named("buildstash-presign-" + pool));
        ExecutorService parts = Executors.newFixedThreadPool(workers, named("buildstash-part-" + pool));
        PartUrls partUrls = new PartUrls(urls, file, presigner, workers);
        String[] etags = new String[file.partCount()];
        AtomicInteger next = new AtomicInteger(1);
        CompletionService<Void> done = new ExecutorCompletionService<>(parts);
        List<Future<Void>> running = new ArrayList<>();
        try {
            for (int w = 0; w < workers; w++) {
                running.add(done.submit(() -> {
                    for (int part = next.getAndIncrement(); part <= file.partCount(); part = next.getAndIncrement()) {
                        etags[part - 1] = sendPart(file, part, path, partUrls, storage, retrier, budget, progress);
                    }
                    return null;
                }));
            }
            for (int finished = 0; finished < workers; finished++) {
                try {
                    done.take().get();
                } catch (ExecutionException e) {
                    throw unwrap(e, "Sending " + file.name() + " failed");
                }
            }
            return Arrays.asList(etags);
        } finally {
            // On failure or interrupt: stop handing out parts, interrupt the PUTs in flight (each cancels its request),
            // and wait for every thread, so that nothing keeps sending after we report.
            next.set(Integer.MAX_VALUE / 2);
            running.forEach(f -> f.cancel(true));
            parts.shutdownNow();
            presigner.shutdownNow();
            awaitQuietly(parts);
            awaitQuietly(presigner);
        }
    }

    private String sendPart(FileOrder file, int part, Path path, PartUrls partUrls, StoragePut storage, Retrier retrier,
            RetryBudget budget, TransferProgress progress) throws IOException, InterruptedException {
        String what = "part " + part + " of " + file.partCount() + " of " + file.name();
        String[] url = {waitFor(partUrls, part, what).url()};
        boolean[] refreshed = {false};
        Map<String, String> headers = Map.of("Content-Type", "application/octet-stream");
        String etag = retrier.call(RetryPolicy.CallKind.STORAGE, "PUT " + what, budget, attempt -> {
            FileChangedException.check(file);
            try {
                return storage.put(url[0], headers, path, file.partOffset(part), file.partLength(part),
                        order.settings().expectContinue() && attempt == 1, what, progress::add);
            } catch (StorageException e) {
                FileChangedException.check(file);
                if (!e.urlExpired()) {
                    throw e;
                }
                if (refreshed[0]) {
                    throw expiredAgain(e);
                }
                refreshed[0] = true;
                log.accept("The URL for " + what + " expired; asking Buildstash for a new one");
                try {
                    url[0] = partUrls.fresh(part).url();
                } catch (BuildstashException presignFailure) {
                    throw presignFailure;
                } catch (IOException presignFailure) {
                    throw new BuildstashException("Could not get a new URL for " + what + ": "
                            + presignFailure.getMessage(), "presign", Failure.of(Failure.Type.PERMANENT), presignFailure);
                }
                try {
                    return storage.put(url[0], headers, path, file.partOffset(part), file.partLength(part), false, what,
                            progress::add);
                } catch (StorageException again) {
                    throw again.urlExpired() ? expiredAgain(again) : again;
                }
            }
        });
        if (etag == null || etag.isBlank()) {
            throw new UploadFailure("Storage returned no ETag for " + what + ": Buildstash needs every part's ETag to"
                    + " assemble the file, so this storage cannot take multipart uploads");
        }
        return etag;
    }

    /** The fresh URL asked for after an expiry was refused as expired too: say so, since retrying cannot help. */
    private static StorageException expiredAgain(StorageException e) {
        return new StorageException(e.getMessage() + ", and so did the fresh one Buildstash issued right after it: run"
                + " the upload again, and tell Buildstash if it keeps happening", e.operation(), e.failure(), true);
    }

    private static PartTarget waitFor(PartUrls partUrls, int part, String what) throws IOException, InterruptedException {
        try {
            return partUrls.get(part).get();
        } catch (ExecutionException e) {
            throw unwrap(e, "Could not get the URL for " + what);
        }
    }

    /** What a worker or a presign task threw, as it was thrown; anything else (a bug) wrapped with its context. */
    private static IOException unwrap(ExecutionException e, String context) throws InterruptedException {
        Throwable cause = e.getCause();
        if (cause instanceof InterruptedException ie) {
            throw ie;
        }
        return cause instanceof IOException io ? io : new IOException(context + ": " + cause, cause);
    }

    private static void awaitQuietly(ExecutorService executor) throws InterruptedException {
        if (!executor.awaitTermination(30, TimeUnit.SECONDS)) {
            throw new IllegalStateException("Upload threads did not stop within 30 s of being cancelled");
        }
    }

    private static ThreadFactory named(String prefix) {
        AtomicInteger n = new AtomicInteger();
        return r -> {
            Thread t = new Thread(r, prefix + "-" + n.incrementAndGet());
            t.setDaemon(true);
            return t;
        };
    }
}
