package io.jenkins.plugins.buildstash.bench;

import io.jenkins.plugins.buildstash.api.model.PresignedRequest;
import io.jenkins.plugins.buildstash.upload.FileOrder;
import io.jenkins.plugins.buildstash.upload.FileReceipt;
import io.jenkins.plugins.buildstash.upload.FileSide;
import io.jenkins.plugins.buildstash.upload.TransferOrder;
import io.jenkins.plugins.buildstash.upload.TransferReceipt;
import io.jenkins.plugins.buildstash.upload.TransferSettings;
import io.jenkins.plugins.buildstash.upload.UrlSource;
import java.io.IOException;
import java.net.URI;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * A benchmark baseline that is not the engine: each file in one PUT of its presigned URL, with the signed headers and
 * {@code x-amz-acl} as the engine sends them, and nothing else (no watchdog, progress, retries). Timed over the same
 * span as the engine's file side, from the order to the receipt, URL hand-over included.
 */
abstract class SinglePutBaseline implements FileSide {

    /** Headers the sender writes itself from the request, never copied from the signed ones. */
    private static final Set<String> SENDER_MANAGED = Set.of("content-length", "host", "connection", "expect");

    private double lastSeconds = Double.NaN;

    final double lastSeconds() {
        return lastSeconds;
    }

    /**
     * @param settings the order's, for a sender that takes the engine's client for them
     * @return the ETag storage answered, or "" when it sent none
     */
    abstract String put(TransferSettings settings, URI url, Map<String, String> headers, Path file, long size)
            throws IOException, InterruptedException;

    @Override
    public final TransferReceipt transfer(TransferOrder order, UrlSource urls) throws IOException, InterruptedException {
        List<FileReceipt> receipts = new ArrayList<>();
        long start = System.nanoTime();
        for (FileOrder file : order.files()) {
            if (file.isMultipart()) {
                throw new IOException(getClass().getSimpleName() + " sends single PUTs only");
            }
            PresignedRequest put = urls.singlePut(file.role(), file.index());
            Map<String, String> headers = new LinkedHashMap<>();
            put.headers().forEach((name, value) -> {
                if (!SENDER_MANAGED.contains(name.toLowerCase(Locale.ROOT))) {
                    headers.put(name, value);
                }
            });
            headers.putIfAbsent("x-amz-acl", "private"); // as the engine adds it
            String etag = put(order.settings(), URI.create(put.url()), headers, Path.of(file.path()), file.size());
            receipts.add(new FileReceipt(file.role(), file.index(), file.name(), file.size(), List.of(etag), 0, 0));
        }
        lastSeconds = (System.nanoTime() - start) / 1e9;
        return new TransferReceipt(receipts);
    }
}
