package io.jenkins.plugins.buildstash.bench;

import io.jenkins.plugins.buildstash.api.HttpClients;
import io.jenkins.plugins.buildstash.api.model.PresignedRequest;
import io.jenkins.plugins.buildstash.upload.FileOrder;
import io.jenkins.plugins.buildstash.upload.FileReceipt;
import io.jenkins.plugins.buildstash.upload.FileSide;
import io.jenkins.plugins.buildstash.upload.TransferOrder;
import io.jenkins.plugins.buildstash.upload.TransferReceipt;
import io.jenkins.plugins.buildstash.upload.UrlSource;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * The floor of the JDK's HTTP client: one blocking {@code send} of {@code BodyPublishers.ofFile} on the engine's shared
 * storage client, with the signed headers, and nothing else (no watchdog, progress, retries or ranged reads). The
 * engine's fixed cost per transfer is measured against it: what the engine adds, and what the JDK client itself costs.
 */
final class PlainJdkFileSide implements FileSide {

    private static final Set<String> CLIENT_MANAGED = Set.of("content-length", "host", "connection", "expect");

    private double lastSeconds = Double.NaN;

    double lastSeconds() {
        return lastSeconds;
    }

    @Override
    public TransferReceipt transfer(TransferOrder order, UrlSource urls) throws IOException, InterruptedException {
        HttpClient http = HttpClients.forStorage(order.settings().proxy(), order.settings().connectTimeout());
        List<FileReceipt> receipts = new ArrayList<>();
        // Timed over the same span as the engine's file side: from the order to the receipt, URL hand-over included.
        long start = System.nanoTime();
        for (FileOrder file : order.files()) {
            if (file.isMultipart()) {
                throw new IOException("the plain JDK baseline sends single PUTs only");
            }
            PresignedRequest put = urls.singlePut(file.role(), file.index());
            HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(put.url()))
                    .PUT(HttpRequest.BodyPublishers.ofFile(Path.of(file.path())));
            for (Map.Entry<String, String> header : put.headers().entrySet()) {
                if (!CLIENT_MANAGED.contains(header.getKey().toLowerCase(Locale.ROOT))) {
                    request.header(header.getKey(), header.getValue());
                }
            }
            request.header("x-amz-acl", "private");
            HttpResponse<String> response = http.send(request.build(), HttpResponse.BodyHandlers.ofString());
            if (response.statusCode() / 100 != 2) {
                throw new IOException("storage answered " + response.statusCode() + ": " + response.body());
            }
            receipts.add(new FileReceipt(file.role(), file.index(), file.name(), file.size(),
                    List.of(response.headers().firstValue("ETag").orElse("")), 0, 0));
        }
        lastSeconds = (System.nanoTime() - start) / 1e9;
        return new TransferReceipt(receipts);
    }
}
