package io.jenkins.plugins.buildstash.emulator;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.jenkins.plugins.buildstash.emulator.Model.MetadataArtifact;
import io.jenkins.plugins.buildstash.emulator.Model.StoredFileRecord;
import java.io.IOException;
import java.util.List;

/**
 * Metadata artifacts (brief §5.8): request a presigned PUT for a file of at most 20 MiB, PUT it, verify it. The target
 * is an existing build, named by {@code build_id} or by the verified {@code primary_pending_upload_id} the official
 * clients send (G12: an unverified primary upload is refused, since there is no build to attach to yet).
 */
final class MetadataUploadRoutes {

    /** The spec's limit; the guide's 5 MB is the smaller, unenforced reading (G12). */
    static final long MAX_SIZE = 20 * 1024 * 1024;

    private final EmulatorState state;
    private final StorageUrls urls;
    private final UploadRoutes uploads;

    MetadataUploadRoutes(EmulatorState state, StorageUrls urls, UploadRoutes uploads) {
        this.state = state;
        this.urls = urls;
        this.uploads = uploads;
    }

    void register(Api api) {
        api.post("/upload/metadata/request", "requestMetadataUpload", UploadRoutes.BUILDS_CREATE, this::request);
        api.post("/upload/metadata/verify", "verifyMetadataUpload", UploadRoutes.BUILDS_CREATE, this::verify);
    }

    private Response request(ApiCall call) throws IOException {
        ObjectNode body = call.body();
        FieldRules rules = new FieldRules();
        String buildId = rules.string(body, "build_id");
        String primaryUploadId = FieldRules.absent(body.get("primary_pending_upload_id"))
                ? null
                : UploadRoutes.uuid(body, "primary_pending_upload_id", rules);
        String filename = rules.string(body, "filename", "filename", true, 255, null);
        Long size = rules.integer(body, "size_bytes", "size_bytes", true, 1, MAX_SIZE);
        if (rules.hasErrors()) {
            throw ApiError.validation(rules.errors());
        }
        String target = target(call, buildId, primaryUploadId);
        PendingFile file = PendingFile.single("metadata", filename, size);
        String applicationId = state.build(target).orElseThrow().applicationId();
        PendingUpload upload =
                PendingUpload.forMetadata(EmulatorState.newId(), applicationId, target, file, state.now());
        state.addUpload(upload);
        ObjectNode answer = Json.message("Presigned URL generated for the metadata artifact.")
                .put("metadata_pending_upload_id", upload.id());
        ObjectNode presigned = answer.putObject("presigned_upload_data").put("url", urls.put(upload.id(), file));
        ObjectNode headers = presigned.putObject("headers");
        StorageUrls.signedPutHeaders(file).forEach(headers::put);
        return Json.response(200, answer);
    }

    /** The build the artifact goes to. */
    private String target(ApiCall call, String buildId, String primaryUploadId) {
        if (buildId == null && primaryUploadId == null) {
            throw ApiError.badRequest("Either build_id or primary_pending_upload_id is required.");
        }
        String fromUpload = null;
        if (primaryUploadId != null) {
            PendingUpload primary = uploads.pending(call, primaryUploadId, PendingUpload.Kind.BUILD);
            fromUpload = primary.buildId();
            if (fromUpload == null) {
                throw ApiError.badRequest("Verify the primary upload before adding metadata artifacts to it.");
            }
        }
        if (buildId != null) {
            boolean visible = state.build(buildId)
                    .filter(b -> !call.key().isApplicationKey() || b.applicationId().equals(call.key().applicationId()))
                    .isPresent();
            if (!visible) {
                throw ApiError.badRequest("Build not found.");
            }
            if (fromUpload != null && !fromUpload.equals(buildId)) {
                throw ApiError.badRequest("build_id and primary_pending_upload_id name different builds.");
            }
            return buildId;
        }
        return fromUpload;
    }

    private Response verify(ApiCall call) throws IOException {
        ObjectNode body = call.body();
        FieldRules rules = new FieldRules();
        String id = UploadRoutes.uuid(body, "pending_upload_id", rules);
        String description = rules.string(body, "file_description", "file_description", false, 255, null);
        if (rules.hasErrors()) {
            throw ApiError.validation(rules.errors());
        }
        PendingUpload upload = uploads.pending(call, id, PendingUpload.Kind.METADATA);
        StoredObject content = upload.verify(List.of()).get(0);
        PendingFile file = upload.files().get(0);
        MetadataArtifact artifact = new MetadataArtifact(upload.targetBuildId(),
                new StoredFileRecord(EmulatorState.newId(), file.filename(), file.size(), content, state.now()),
                description);
        state.addMetadataArtifact(artifact);
        return Json.response(200, Json.message("Metadata artifact verified successfully.")
                .put("metadata_artifact_id", artifact.id()));
    }
}
