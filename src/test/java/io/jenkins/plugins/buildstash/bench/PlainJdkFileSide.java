package io.jenkins.plugins.buildstash.bench;

import io.jenkins.plugins.buildstash.api.HttpClients;
import io.jenkins.plugins.buildstash.upload.TransferSettings;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.util.Map;

/**
 * The floor of the JDK's HTTP client: one blocking {@code send} of {@code BodyPublishers.ofFile} on the engine's shared
 * storage client, with the signed headers, and nothing else (no watchdog, progress, retries or ranged reads). The
 * engine's fixed cost per transfer is measured against it: what the engine adds, and what the JDK client itself costs.
 */
final class PlainJdkFileSide extends SinglePutBaseline {

    @Override
    String put(TransferSettings settings, URI url, Map<String, String> headers, Path file, long size)
            throws IOException, InterruptedException {
        HttpClient http = HttpClients.forStorage(settings.proxy(), settings.connectTimeout());
        HttpRequest.Builder request = HttpRequest.newBuilder(url).PUT(HttpRequest.BodyPublishers.ofFile(file));
        headers.forEach(request::header);
        HttpResponse<String> response = http.send(request.build(), HttpResponse.BodyHandlers.ofString());
        if (response.statusCode() / 100 != 2) {
            throw new IOException("storage answered " + response.statusCode() + ": " + response.body());
        }
        return response.headers().firstValue("ETag").orElse("");
    }
}
