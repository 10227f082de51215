package io.jenkins.plugins.buildstash.emulator;

import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The presigned storage URLs the API hands out, all on the emulator's own origin under {@code /storage}:
 * {@code PUT /storage/put/{upload}/{file}}, {@code PUT /storage/part/{upload}/{file}/{part}} and
 * {@code GET /storage/get/{file_id}/{filename}}.
 */
final class StorageUrls {

    static final String PUT = "/storage/put/{upload_id}/{file_key}";
    static final String PART = "/storage/part/{upload_id}/{file_key}/{part_number}";
    static final String GET = "/storage/get/{file_id}/{filename}";

    private final Signer signer;
    private final Duration ttl;
    private volatile String origin = "http://127.0.0.1";

    StorageUrls(Signer signer, Duration ttl) {
        this.signer = signer;
        this.ttl = ttl;
    }

    /** Set once the server is bound: {@code http://127.0.0.1:<port>}. */
    void origin(String value) {
        this.origin = value;
    }

    /**
     * The headers a single PUT must carry, exactly as signed: what {@code presigned_data.headers} lists. The optional
     * {@code x-amz-acl: private} the official clients add is not among them (brief G13).
     */
    static Map<String, String> signedPutHeaders(PendingFile file) {
        Map<String, String> headers = new LinkedHashMap<>();
        headers.put("Content-Type", file.contentType());
        headers.put("Content-Disposition", file.contentDisposition());
        headers.put("Content-Length", Long.toString(file.size()));
        return headers;
    }

    String put(String uploadId, PendingFile file) {
        String path = "/storage/put/" + uploadId + "/" + file.key();
        return origin + signer.presign("PUT", path, ttl, signedPutHeaders(file));
    }

    /** A part URL, signed for {@code Content-Type: application/octet-stream} and the part's exact length. */
    String part(String uploadId, PendingFile file, int partNumber) {
        String path = "/storage/part/" + uploadId + "/" + file.key() + "/" + partNumber;
        Map<String, String> headers = new LinkedHashMap<>();
        headers.put("Content-Type", "application/octet-stream");
        headers.put("Content-Length", Long.toString(file.partLength(partNumber)));
        return origin + signer.presign("PUT", path, ttl, headers);
    }

    /** A temporary download URL: a signed GET that needs no key. */
    String download(String fileId, String filename) {
        String path = "/storage/get/" + fileId + "/" + URLEncoder.encode(filename, StandardCharsets.UTF_8).replace("+", "%20");
        return origin + signer.presign("GET", path, ttl, Map.of());
    }
}
