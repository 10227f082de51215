package io.jenkins.plugins.buildstash.emulator;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Plain HTTP against an emulator, for its own tests: JSON API calls with a key, presigned PUTs and GETs without one.
 * Deliberately not the plugin's client: these tests pin down the server.
 */
final class TestHttp {

    /** Headers the JDK client sets itself and refuses to take from the caller. */
    private static final Set<String> RESTRICTED = Set.of("content-length", "host", "connection", "expect");

    /** A response with its body parsed as JSON when it is JSON. */
    record Reply(int status, HttpResponse<byte[]> raw, JsonNode json) {
        String header(String name) {
            return raw.headers().firstValue(name).orElse(null);
        }

        String text() {
            return new String(raw.body(), java.nio.charset.StandardCharsets.UTF_8);
        }
    }

    private final HttpClient client =
            HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).version(HttpClient.Version.HTTP_1_1).build();
    private final BuildstashEmulator emulator;
    private final String key;

    TestHttp(BuildstashEmulator emulator, String key) {
        this.emulator = emulator;
        this.key = key;
    }

    /** The same emulator with another key (null for none). */
    TestHttp as(String otherKey) {
        return new TestHttp(emulator, otherKey);
    }

    Reply get(String apiPath) {
        return send(api(apiPath).GET().build());
    }

    Reply post(String apiPath, JsonNode body) {
        return post(apiPath, body.toString(), "application/json");
    }

    Reply post(String apiPath, String body, String contentType) {
        HttpRequest.Builder request = api(apiPath).POST(HttpRequest.BodyPublishers.ofString(body));
        if (contentType != null) {
            request.header("Content-Type", contentType);
        }
        return send(request.build());
    }

    /** A presigned PUT with these headers (Content-Length comes from the body, as the JDK insists). */
    Reply put(String url, byte[] body, Map<String, String> headers) {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(url))
                .timeout(Duration.ofSeconds(30))
                .PUT(HttpRequest.BodyPublishers.ofByteArray(body));
        headers.forEach((name, value) -> {
            if (!RESTRICTED.contains(name.toLowerCase(java.util.Locale.ROOT))) {
                request.header(name, value);
            }
        });
        return send(request.build());
    }

    /** A part PUT as the official clients send it. */
    Reply putPart(String url, byte[] body) {
        return put(url, body, Map.of("Content-Type", "application/octet-stream"));
    }

    /** A plain GET without a key (temporary download URLs). */
    Reply fetch(String url) {
        return send(HttpRequest.newBuilder(URI.create(url)).timeout(Duration.ofSeconds(30)).GET().build());
    }

    /** Sends a request and returns the JDK's response, or throws what the connection threw. */
    HttpResponse<byte[]> sendRaw(HttpRequest request) throws IOException, InterruptedException {
        return client.send(request, HttpResponse.BodyHandlers.ofByteArray());
    }

    /** The body as JSON; null when it does not parse (a truncated body, for one). */
    private static JsonNode json(HttpResponse<byte[]> response) {
        try {
            return Json.parse(response.body());
        } catch (IOException e) {
            return null;
        }
    }

    HttpRequest.Builder api(String apiPath) {
        HttpRequest.Builder builder = HttpRequest.newBuilder(URI.create(emulator.apiBaseUrl() + apiPath))
                .timeout(Duration.ofSeconds(30))
                .header("Accept", "application/json");
        if (key != null) {
            builder.header("Authorization", "Bearer " + key);
        }
        return builder;
    }

    Reply send(HttpRequest request) {
        try {
            HttpResponse<byte[]> response = sendRaw(request);
            String type = response.headers().firstValue("Content-Type").orElse("");
            return new Reply(response.statusCode(), response, type.startsWith("application/json") ? json(response) : null);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    // --- the upload flow, step by step ---

    /** A valid {@code /upload/request} body for one file. */
    static ObjectNode uploadRequest(String platform, String stream, String filename, long size) {
        ObjectNode body = Json.object()
                .put("structure", "file")
                .put("platform", platform)
                .put("stream", stream)
                .put("source", "jenkins")
                .put("version_component_1_major", 1)
                .put("version_component_2_minor", 2)
                .put("version_component_3_patch", 3);
        body.putObject("primary_file").put("filename", filename).put("size_bytes", size);
        return body;
    }

    /** The headers of {@code presigned_data}, as a map. */
    static Map<String, String> headers(JsonNode presignedData) {
        Map<String, String> headers = new java.util.LinkedHashMap<>();
        presignedData.get("headers").properties().forEach(e -> headers.put(e.getKey(), e.getValue().asText()));
        return headers;
    }

    /** Requests, PUTs and verifies a single-part upload; returns the verify reply. */
    Reply uploadSinglePart(ObjectNode request, byte[] content) {
        Reply requested = post("/upload/request", request);
        JsonNode presigned = requested.json().get("primary_file").get("presigned_data");
        Reply put = put(presigned.get("url").asText(), content, headers(presigned));
        if (put.status() != 200) {
            throw new IllegalStateException("PUT answered " + put.status() + ": " + put.text());
        }
        return post("/upload/verify", Json.object().put("pending_upload_id", requested.json().get("pending_upload_id")
                .asText()));
    }

    /**
     * Presigns and PUTs every part of a chunked file through {@code presignRoute}, in order.
     *
     * @return the {@code multipart_chunks} entries, ETags as storage returned them
     */
    List<ObjectNode> uploadParts(String presignRoute, String uploadId, JsonNode fileInstructions, byte[] content) {
        int parts = fileInstructions.get("chunked_number_parts").asInt();
        int partSize = fileInstructions.get("chunked_part_size_mb").asInt() * 1024 * 1024;
        List<ObjectNode> chunks = new ArrayList<>();
        for (int part = 1; part <= parts; part++) {
            int from = (part - 1) * partSize;
            byte[] bytes = java.util.Arrays.copyOfRange(content, from, Math.min(content.length, from + partSize));
            Reply presigned = post(presignRoute, Json.object()
                    .put("pending_upload_id", uploadId)
                    .put("part_number", part)
                    .put("content_length", bytes.length));
            Reply put = putPart(presigned.json().get("part_presigned_url").asText(), bytes);
            if (put.status() != 200) {
                throw new IllegalStateException("part " + part + " PUT answered " + put.status() + ": " + put.text());
            }
            chunks.add(Json.object().put("PartNumber", part).put("ETag", put.header("ETag")));
        }
        return chunks;
    }
}
