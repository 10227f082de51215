package io.jenkins.plugins.buildstash.upload;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;

/**
 * Part URLs of one multipart file, asked of the key side in batches on a thread of their own, ahead of the parts that
 * need them, so that workers rarely wait for the API. Each URL is requested just early enough to keep expiry unlikely;
 * an expired one is replaced by {@link #fresh}.
 */
final class PartUrls {

    private final UrlSource source;
    private final FileOrder file;
    private final ExecutorService presigner;
    private final int batch;
    private final int lookahead;
    private final Map<Integer, CompletableFuture<PartTarget>> requested = new HashMap<>();
    private int nextToRequest = 1;

    PartUrls(UrlSource source, FileOrder file, ExecutorService presigner, int concurrency) {
        this.source = source;
        this.file = file;
        this.presigner = presigner;
        this.batch = Math.max(4, concurrency);
        this.lookahead = 2 * batch;
    }

    /** The URL of {@code part}, requested earlier or now; also requests the parts that follow it. */
    synchronized CompletableFuture<PartTarget> get(int part) {
        requestUpTo(Math.min(file.partCount(), Math.max(part, 1) + lookahead));
        return requested.remove(part);
    }

    /** A new URL for {@code part}, for when storage says the old one expired. */
    PartTarget fresh(int part) throws java.io.IOException, InterruptedException {
        return only(source.parts(file.role(), file.index(), part, 1), part);
    }

    private void requestUpTo(int last) {
        while (nextToRequest <= last) {
            int first = nextToRequest;
            int count = Math.min(batch, file.partCount() - first + 1);
            Map<Integer, CompletableFuture<PartTarget>> futures = new HashMap<>();
            for (int p = first; p < first + count; p++) {
                futures.put(p, new CompletableFuture<>());
            }
            requested.putAll(futures);
            nextToRequest += count;
            presigner.execute(() -> {
                try {
                    List<PartTarget> targets = source.parts(file.role(), file.index(), first, count);
                    for (PartTarget t : targets) {
                        CompletableFuture<PartTarget> f = futures.get(t.partNumber());
                        if (f != null) {
                            f.complete(t);
                        }
                    }
                    futures.values().forEach(f -> f.completeExceptionally(new java.io.IOException(
                            "Buildstash returned no URL for a part of " + file.name())));
                } catch (InterruptedException e) {
                    futures.values().forEach(f -> f.completeExceptionally(e));
                    Thread.currentThread().interrupt();
                } catch (Exception e) {
                    futures.values().forEach(f -> f.completeExceptionally(e));
                }
            });
        }
    }

    private PartTarget only(List<PartTarget> targets, int part) throws java.io.IOException {
        return targets.stream()
                .filter(t -> t.partNumber() == part)
                .findFirst()
                .orElseThrow(() -> new java.io.IOException("Buildstash returned no URL for part " + part + " of " + file.name()));
    }
}
