package io.jenkins.plugins.buildstash.emulator;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.jenkins.plugins.buildstash.emulator.Model.Build;
import io.jenkins.plugins.buildstash.emulator.Model.StoredFileRecord;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * What a test or benchmark may look at: stored builds with the SHA-256 of their bytes, uploads, aborted uploads and
 * request counts. The Java API returns these views; {@code GET /_emulator/state} serves the same as JSON for a client
 * in another JVM. Neither ever shows a key.
 */
final class Inspector {

    private final EmulatorState state;
    private final RequestLog log;

    Inspector(EmulatorState state, RequestLog log) {
        this.state = state;
        this.log = log;
    }

    List<StoredBuild> builds() {
        return state.allBuilds().stream().map(this::view).toList();
    }

    StoredBuild view(Build build) {
        return new StoredBuild(
                build.id(),
                build.applicationId(),
                build.platform(),
                state.streamById(build.streamId()).map(Model.Stream::name).orElse(null),
                build.version().full(),
                build.pendingAt(state.now()),
                file(build.primary()),
                build.expansions().stream().map(Inspector::file).toList(),
                state.metadataArtifacts(build.id()).stream().map(artifact -> file(artifact.file())).toList());
    }

    List<PendingUploadView> uploads() {
        return state.uploads().stream()
                .sorted(java.util.Comparator.comparing(PendingUpload::createdAt))
                .map(upload -> new PendingUploadView(
                        upload.id(),
                        upload.applicationId(),
                        upload.kind().name(),
                        upload.status().name(),
                        upload.files().stream().map(PendingFile::filename).toList(),
                        upload.receivedParts()))
                .toList();
    }

    List<String> abortedUploadIds() {
        return state.abortedUploadIds();
    }

    Map<String, Long> requestCounts() {
        return new TreeMap<>(log.counts());
    }

    void register(Router router) {
        router.add("GET", "/_emulator/state", "inspectState", call -> Json.response(200, snapshot()));
    }

    private ObjectNode snapshot() {
        ObjectNode body = Json.object();
        ObjectNode counts = body.putObject("request_counts");
        requestCounts().forEach(counts::put);
        ArrayNode builds = body.putArray("builds");
        for (StoredBuild build : builds()) {
            ObjectNode node = builds.addObject()
                    .put("id", build.id())
                    .put("application_id", build.applicationId())
                    .put("platform", build.platform())
                    .put("stream", build.stream())
                    .put("version", build.version())
                    .put("pending", build.pending());
            ArrayNode files = node.putArray("files");
            files.add(fileJson(build.primary()));
            build.expansions().forEach(file -> files.add(fileJson(file)));
            ArrayNode metadata = node.putArray("metadata_artifacts");
            build.metadataArtifacts().forEach(file -> metadata.add(fileJson(file)));
        }
        ArrayNode uploads = body.putArray("uploads");
        for (PendingUploadView upload : uploads()) {
            ObjectNode node = uploads.addObject()
                    .put("id", upload.id())
                    .put("kind", upload.kind())
                    .put("status", upload.status())
                    .put("received_parts", upload.receivedParts());
            upload.filenames().forEach(node.putArray("filenames")::add);
        }
        abortedUploadIds().forEach(body.putArray("aborted_upload_ids")::add);
        return body;
    }

    private static StoredFile file(StoredFileRecord file) {
        return new StoredFile(file.id(), file.filename(), file.sizeBytes(), file.content().sha256());
    }

    private static ObjectNode fileJson(StoredFile file) {
        return Json.object()
                .put("filename", file.filename())
                .put("size_bytes", file.sizeBytes())
                .put("sha256", file.sha256());
    }
}
