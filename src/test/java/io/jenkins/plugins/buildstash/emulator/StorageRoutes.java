package io.jenkins.plugins.buildstash.emulator;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.util.Optional;

/**
 * The S3-style storage on the emulator's own origin: presigned single PUTs and part PUTs (each answered with an ETag),
 * and signed download GETs. Like S3, a PUT needs an exact {@code Content-Length}: a chunked body is refused with 501,
 * a missing length with 411, and every check runs before {@code 100 Continue}, so a refused client sends no body.
 */
final class StorageRoutes {

    private final EmulatorState state;
    private final Signer signer;
    private final BlobStore blobs;
    private final RateLimiter rateLimiter;
    private final RetryAfter.Style retryAfterStyle;

    StorageRoutes(EmulatorState state, Signer signer, BlobStore blobs, RateLimiter rateLimiter,
            RetryAfter.Style retryAfterStyle) {
        this.state = state;
        this.signer = signer;
        this.blobs = blobs;
        this.rateLimiter = rateLimiter;
        this.retryAfterStyle = retryAfterStyle;
    }

    void register(Router router) {
        router.add("PUT", StorageUrls.PUT, "storagePutObject", call -> put(call, 0));
        router.add("PUT", StorageUrls.PART, "storageUploadPart", call -> {
            try {
                return put(call, Integer.parseInt(call.pathParameter("part_number")));
            } catch (NumberFormatException e) {
                return S3Errors.error(400, "InvalidArgument", "Part number must be an integer.");
            }
        });
        router.add("GET", StorageUrls.GET, "storageGetObject", this::get);
    }

    /** A single PUT ({@code partNumber} 0) or a part PUT. */
    private Response put(Router.RouteCall call, int partNumber) throws IOException {
        Request request = call.request();
        if (request.isChunked()) {
            return S3Errors.error(501, "NotImplemented",
                    "A header you provided implies functionality that is not implemented: Transfer-Encoding");
        }
        if (request.contentLength() < 0) {
            return S3Errors.error(411, "MissingContentLength", "You must provide the Content-Length HTTP header.");
        }
        Optional<Response> forged = signer.check(request);
        if (forged.isPresent()) {
            return forged.get();
        }
        String acl = request.header("x-amz-acl");
        if (acl != null && !acl.equals("private")) {
            return S3Errors.error(403, "AccessDenied", "This URL allows only x-amz-acl: private.");
        }
        PendingUpload upload = state.upload(call.pathParameter("upload_id")).orElse(null);
        PendingFile file = upload == null ? null : upload.file(call.pathParameter("file_key"));
        if (file == null || upload.status() != PendingUpload.Status.OPEN) {
            return S3Errors.noSuchUpload();
        }
        Optional<RateLimiter.Rejection> rejection =
                rateLimiter.admit(call.route().name(), upload.applicationId(), state.workspace().id());
        if (rejection.isPresent()) {
            return rejection.get().describe(S3Errors.error(429, "SlowDown", "Please reduce your request rate."),
                    retryAfterStyle, state.now());
        }
        Blob blob = blobs.receive(request.body(), request.contentLength());
        try {
            blobs.delete(upload.accept(file, partNumber, blob));
        } catch (IllegalStateException e) {
            blobs.delete(blob); // aborted or verified while the body was arriving
            return S3Errors.noSuchUpload();
        }
        return Response.empty(200).header("ETag", blob.etag());
    }

    private Response get(Router.RouteCall call) {
        Optional<Response> forged = signer.check(call.request());
        if (forged.isPresent()) {
            return forged.get();
        }
        Model.StoredFileRecord file = state.storedFile(call.pathParameter("file_id"))
                .filter(f -> f.content().hasBytes())
                .orElse(null);
        if (file == null) {
            return S3Errors.error(404, "NoSuchKey", "The specified key does not exist.");
        }
        StoredObject content = file.content();
        Response.Body body = new Response.Body() {
            @Override
            public long length() {
                return content.size();
            }

            @Override
            public void writeTo(OutputStream out, long limit) throws IOException {
                try (InputStream in = content.open()) {
                    byte[] buffer = new byte[256 * 1024];
                    long remaining = limit;
                    while (remaining > 0) {
                        int n = in.read(buffer, 0, (int) Math.min(buffer.length, remaining));
                        if (n < 0) {
                            throw new IOException("stored file shorter than its size");
                        }
                        out.write(buffer, 0, n);
                        remaining -= n;
                    }
                }
            }
        };
        return Response.stream(200, Catalog.contentType(file.filename()), body)
                .header("Content-Disposition", PendingFile.attachment(file.filename()));
    }
}
