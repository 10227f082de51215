package io.jenkins.plugins.buildstash.emulator;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.jenkins.plugins.buildstash.emulator.Model.Build;
import io.jenkins.plugins.buildstash.emulator.Model.StoredFileRecord;
import io.jenkins.plugins.buildstash.emulator.UploadRequestValidator.DeclaredFile;
import io.jenkins.plugins.buildstash.emulator.UploadRequestValidator.UploadRequest;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;

/**
 * The build upload flow (brief §5): request, part presigns (primary and, undocumented but used by every official
 * client, expansion: G4), verify and abort. Their 200 bodies are flat, with no {@code data} wrapper (G2).
 */
final class UploadRoutes {

    static final Access BUILDS_CREATE = Access.scope("builds:create");
    private static final Pattern UUID = Pattern.compile("[0-9a-fA-F]{8}(-[0-9a-fA-F]{4}){3}-[0-9a-fA-F]{12}");

    private final EmulatorState state;
    private final EmulatorOptions options;
    private final StorageUrls urls;
    private final BlobStore blobs;
    private final Representations json;
    private final BuildFactory builds;
    private final UploadRequestValidator validator;

    UploadRoutes(EmulatorState state, EmulatorOptions options, StorageUrls urls, BlobStore blobs,
            Representations json, BuildFactory builds) {
        this.state = state;
        this.options = options;
        this.urls = urls;
        this.blobs = blobs;
        this.json = json;
        this.builds = builds;
        this.validator = new UploadRequestValidator(state);
    }

    void register(Api api) {
        api.post("/upload/request", "requestUpload", BUILDS_CREATE, this::request);
        api.post("/upload/request/multipart", "requestMultipartPart", BUILDS_CREATE, call -> presignPart(call, "primary"));
        api.post("/upload/request/multipart/expansion", "requestMultipartExpansionPart", BUILDS_CREATE,
                call -> presignPart(call, "expansion"));
        api.post("/upload/verify", "verifyUpload", BUILDS_CREATE, this::verify);
        api.post("/upload/abort", "abortUpload", BUILDS_CREATE, this::abort);
    }

    private Response request(ApiCall call) throws IOException {
        UploadRequest request = validator.validate(call.body(), call.key());
        List<PendingFile> files = new ArrayList<>();
        files.add(plan("primary", request.primary()));
        if (request.expansion() != null) {
            files.add(plan("expansion", request.expansion()));
        }
        PendingUpload upload = PendingUpload.forBuild(
                EmulatorState.newId(), request.application().id(), request.draft(), files, state.now());
        state.addUpload(upload);
        ObjectNode body = Json.message("Upload request successful. Upload the file(s), then call /upload/verify.")
                .put("pending_upload_id", upload.id());
        body.set("primary_file", instructions(upload, files.get(0)));
        if (files.size() > 1) {
            body.putArray("expansion_files").add(instructions(upload, files.get(1)));
        }
        return Json.response(200, body);
    }

    /** Multipart above the threshold (5 GiB by default), in parts of the configured MiB. */
    private PendingFile plan(String key, DeclaredFile declared) {
        return declared.size() > options.multipartThresholdBytes()
                ? PendingFile.multipart(key, declared.filename(), declared.size(), options.partSizeBytes())
                : PendingFile.single(key, declared.filename(), declared.size());
    }

    private ObjectNode instructions(PendingUpload upload, PendingFile file) {
        long partSize = options.partSizeBytes();
        ObjectNode node = Json.object()
                .put("filename", file.filename())
                .put("chunked_upload", file.chunked())
                // Shown for single-part files too, as in the brief's example; clients read them only when chunked.
                .put("chunked_number_parts", file.chunked() ? file.partCount() : (file.size() + partSize - 1) / partSize)
                .put("chunked_part_size_mb", options.partSizeMb());
        if (!file.chunked()) {
            ObjectNode presigned = node.putObject("presigned_data").put("url", urls.put(upload.id(), file));
            ObjectNode headers = presigned.putObject("headers");
            StorageUrls.signedPutHeaders(file).forEach(headers::put);
        }
        return node;
    }

    private Response presignPart(ApiCall call, String fileKey) throws IOException {
        ObjectNode body = call.body();
        FieldRules rules = new FieldRules();
        String id = uuid(body, "pending_upload_id", rules);
        Long partNumber = rules.integer(body, "part_number", "part_number", true, 1, Integer.MAX_VALUE);
        Long contentLength = rules.integer(body, "content_length", "content_length", true, 1, Long.MAX_VALUE);
        if (rules.hasErrors()) {
            throw ApiError.validation(rules.errors());
        }
        PendingUpload upload = pending(call, id, PendingUpload.Kind.BUILD);
        requireOpen(upload);
        PendingFile file = upload.file(fileKey);
        if (file == null) {
            throw ApiError.badRequest("This upload has no expansion file.");
        }
        if (!file.chunked()) {
            throw ApiError.badRequest("The file " + file.filename() + " is not a multipart upload: PUT it to its"
                    + " presigned_data.url.");
        }
        int number = partNumber.intValue();
        if (number > file.partCount()) {
            throw ApiError.badRequest("part_number must be between 1 and " + file.partCount() + " for "
                    + file.filename() + ".");
        }
        if (contentLength != file.partLength(number)) {
            throw ApiError.badRequest("content_length for part " + number + " of " + file.filename() + " must be "
                    + file.partLength(number) + " bytes.");
        }
        ObjectNode answer = Json.message("Presigned URL generated.")
                .put("part_number", number)
                .put("part_presigned_url", urls.part(upload.id(), file, number));
        return Json.response(200, answer);
    }

    private Response verify(ApiCall call) throws IOException {
        ObjectNode body = call.body();
        FieldRules rules = new FieldRules();
        String id = uuid(body, "pending_upload_id", rules);
        List<PendingUpload.Chunk> chunks = chunks(body, rules);
        if (rules.hasErrors()) {
            throw ApiError.validation(rules.errors());
        }
        PendingUpload upload = pending(call, id, PendingUpload.Kind.BUILD);
        List<StoredObject> contents = upload.verify(chunks);
        Build build = createBuild(upload, contents);
        upload.recordBuild(build.id());
        ObjectNode answer = Json.message("Upload verified successfully.")
                .put("build_id", build.id())
                .put("pending_processing", Catalog.PROCESSED_PLATFORMS.contains(build.platform()))
                .put("build_info_url", json.buildPageUrl(build.id()))
                .put("download_url", json.buildDownloadPageUrl(build.id()));
        return Json.response(200, answer);
    }

    private Build createBuild(PendingUpload upload, List<StoredObject> contents) {
        List<StoredFileRecord> files = new ArrayList<>();
        for (int i = 0; i < contents.size(); i++) {
            PendingFile file = upload.files().get(i);
            files.add(new StoredFileRecord(EmulatorState.newId(), file.filename(), file.size(), contents.get(i),
                    state.now()));
        }
        return builds.create(upload.applicationId(), upload.draft(), files, upload.id(), null);
    }

    private Response abort(ApiCall call) throws IOException {
        FieldRules rules = new FieldRules();
        String id = uuid(call.body(), "pending_upload_id", rules);
        if (rules.hasErrors()) {
            throw ApiError.validation(rules.errors());
        }
        PendingUpload upload = pending(call, id, null);
        blobs.deleteAll(upload.abort());
        state.recordAbort(upload.id());
        return Json.response(200, Json.message("Upload aborted."));
    }

    /**
     * The pending upload a body names, if this key may see it. An upload of another application is answered like an
     * unknown one, so that a key cannot probe.
     *
     * @param kind the kind the route handles; null for either
     */
    PendingUpload pending(ApiCall call, String id, PendingUpload.Kind kind) {
        PendingUpload upload = state.upload(id)
                .filter(u -> !call.key().isApplicationKey() || u.applicationId().equals(call.key().applicationId()))
                .orElseThrow(() -> ApiError.badRequest("No pending upload has this pending_upload_id."));
        if (kind != null && upload.kind() != kind) {
            throw ApiError.badRequest(kind == PendingUpload.Kind.BUILD
                    ? "This pending_upload_id belongs to a metadata upload: use /upload/metadata/verify."
                    : "This pending_upload_id belongs to a build upload: use /upload/verify.");
        }
        return upload;
    }

    private static void requireOpen(PendingUpload upload) {
        switch (upload.status()) {
            case VERIFIED -> throw ApiError.badRequest("This upload has already been verified.");
            case ABORTED -> throw ApiError.badRequest("This upload has been aborted.");
            default -> {
                // open
            }
        }
    }

    static String uuid(JsonNode body, String field, FieldRules rules) {
        String value = rules.string(body, field, field, true, 36, null);
        if (value != null && !UUID.matcher(value).matches()) {
            rules.fail(field, "The " + field + " field must be a valid UUID.");
            return null;
        }
        return value;
    }

    private static List<PendingUpload.Chunk> chunks(ObjectNode body, FieldRules rules) {
        JsonNode node = body.get("multipart_chunks");
        List<PendingUpload.Chunk> chunks = new ArrayList<>();
        if (FieldRules.absent(node)) {
            return chunks;
        }
        if (!node.isArray()) {
            rules.fail("multipart_chunks", "The multipart_chunks field must be an array.");
            return chunks;
        }
        ArrayNode array = (ArrayNode) node;
        for (int i = 0; i < array.size(); i++) {
            String prefix = "multipart_chunks." + i;
            JsonNode item = array.get(i);
            if (!item.isObject()) {
                rules.fail(prefix, "The " + prefix + " field must be an object.");
                continue;
            }
            Long number = rules.integer(item, "PartNumber", prefix + ".PartNumber", true, Integer.MIN_VALUE,
                    Integer.MAX_VALUE);
            String etag = rules.string(item, "ETag", prefix + ".ETag", true, Integer.MAX_VALUE, null);
            if (number != null && etag != null) {
                chunks.add(new PendingUpload.Chunk(number.intValue(), etag));
            }
        }
        return chunks;
    }
}
