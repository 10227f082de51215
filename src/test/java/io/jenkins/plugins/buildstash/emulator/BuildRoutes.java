package io.jenkins.plugins.buildstash.emulator;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.jenkins.plugins.buildstash.emulator.Model.Build;
import io.jenkins.plugins.buildstash.emulator.Model.CustomTarget;
import io.jenkins.plugins.buildstash.emulator.Model.Label;
import io.jenkins.plugins.buildstash.emulator.Model.MetadataArtifact;
import io.jenkins.plugins.buildstash.emulator.Model.StoredFileRecord;
import java.util.Comparator;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Function;

/** The build routes: list (filters, sorting), get, download, and each build's metadata artifacts. */
final class BuildRoutes {

    private static final Access BUILDS_READ = Access.scope("builds:read");

    private final EmulatorState state;
    private final Representations json;
    private final StorageUrls urls;

    BuildRoutes(EmulatorState state, Representations json, StorageUrls urls) {
        this.state = state;
        this.json = json;
        this.urls = urls;
    }

    void register(Api api) {
        String build = "/applications/{application_id}/builds/{build_id}";
        api.get("/applications/{application_id}/builds", "listBuilds", BUILDS_READ, this::list);
        api.get(build, "getBuild", BUILDS_READ,
                call -> Json.single("Build retrieved successfully.", json.build(build(call), true)));
        api.get(build + "/download", "downloadBuild", BUILDS_READ, this::download);
        api.get(build + "/metadata", "listMetadataArtifacts", BUILDS_READ, call -> Lists.list(
                "Metadata artifacts retrieved successfully.", state.metadataArtifacts(build(call).id()),
                artifact -> json.metadataArtifact(artifact, false)));
        api.get(build + "/metadata/{artifact_id}", "getMetadataArtifact", BUILDS_READ, call -> Json.single(
                "Metadata artifact retrieved successfully.", json.metadataArtifact(artifact(call), true)));
        api.get(build + "/metadata/{artifact_id}/download", "downloadMetadataArtifact", BUILDS_READ, call -> {
            StoredFileRecord file = artifact(call).file();
            if (!file.content().hasBytes()) {
                throw ApiError.notFound("This metadata artifact has no downloadable file.");
            }
            ObjectNode body = Json.message("Successfully retrieved temporary download URL for metadata artifact.");
            body.setAll(temporaryFile(file));
            return Json.response(200, body);
        });
    }

    private Build build(ApiCall call) {
        return state.build(call.path("build_id"))
                .filter(b -> b.applicationId().equals(call.application().id()))
                .orElseThrow(() -> ApiError.notFound("Build not found."));
    }

    private MetadataArtifact artifact(ApiCall call) {
        String id = call.path("artifact_id");
        return state.metadataArtifacts(build(call).id()).stream()
                .filter(artifact -> artifact.id().equals(id))
                .findFirst()
                .orElseThrow(() -> ApiError.notFound("Metadata artifact not found."));
    }

    private Response list(ApiCall call) {
        String applicationId = call.application().id();
        Set<String> platforms = resolve(call, "platforms", value -> Catalog.PLATFORMS.containsKey(value) ? value : null,
                "The platform identifier %s is invalid.");
        Set<String> streams = resolve(call, "streams",
                value -> state.stream(applicationId, value).map(Model.Stream::id).orElse(null),
                "The stream identifier %s is invalid for this application.");
        Set<String> labels = resolve(call, "labels",
                value -> Lists.byIdOrName(state.labels(applicationId), value, Label::id, Label::name)
                        .map(Label::id).orElse(null),
                "The label identifier %s is invalid for this application.");
        Set<String> targets = resolve(call, "custom_targets",
                value -> Lists.byIdOrName(state.customTargets(applicationId), value, CustomTarget::id, CustomTarget::name)
                        .map(CustomTarget::id).orElse(null),
                "The custom target identifier %s is invalid.");
        List<Build> builds = state.builds(applicationId).stream()
                .filter(b -> !b.pendingAt(state.now()))
                .filter(b -> platforms.isEmpty() || platforms.contains(b.platform()))
                .filter(b -> streams.isEmpty() || streams.contains(b.streamId()))
                .filter(b -> labels.isEmpty() || b.labelIds().stream().anyMatch(labels::contains))
                .filter(b -> targets.isEmpty() || targets.contains(b.customTargetId()))
                .toList();
        Comparator<Build> bySequence = Comparator.comparingLong(Build::sequence);
        Map<String, Comparator<Build>> keys = new LinkedHashMap<>();
        keys.put("version", Comparator.comparing(Build::version).thenComparing(bySequence));
        keys.put("version_short", Comparator.comparing(Build::version, Version.BY_CORE).thenComparing(bySequence));
        keys.put("size_total_bytes", Comparator.comparingLong(Build::sizeTotalBytes).thenComparing(bySequence));
        keys.put("built_at", Comparator.comparing(Build::builtAt, Comparator.nullsFirst(Comparator.naturalOrder()))
                .thenComparing(bySequence));
        keys.put("created_at", Comparator.comparing(Build::createdAt).thenComparing(bySequence));
        return Lists.page(call, "Builds retrieved successfully.", Lists.sorted(call, builds, keys, "created_at"),
                b -> json.build(b, false));
    }

    /**
     * Resolves the values of a comma-separated filter.
     *
     * @param resolver the canonical value (an ID) for a filter value, or null when it names nothing
     * @throws ApiError 422 naming the first value that names nothing
     */
    static Set<String> resolve(ApiCall call, String parameter, Function<String, String> resolver, String error) {
        Set<String> resolved = new HashSet<>();
        for (String value : Lists.values(call, parameter)) {
            String canonical = resolver.apply(value);
            if (canonical == null) {
                throw ApiError.invalidFilter(String.format(error, value));
            }
            resolved.add(canonical);
        }
        return resolved;
    }

    private Response download(ApiCall call) {
        Build build = build(call);
        if (build.pendingAt(state.now())) {
            throw ApiError.notFound("This build is still processing and has no downloadable file yet.");
        }
        if (!build.primary().content().hasBytes()) {
            throw ApiError.notFound("This build has no downloadable file.");
        }
        ObjectNode body = Json.message("Successfully retrieved temporary download URLs.");
        body.set("primary_file", temporaryFile(build.primary()));
        if (!build.expansions().isEmpty()) {
            var expansions = body.putArray("expansion_files");
            build.expansions().forEach(file -> expansions.add(temporaryFile(file)));
        }
        return Json.response(200, body);
    }

    private ObjectNode temporaryFile(StoredFileRecord file) {
        return Json.object()
                .put("temp_url", urls.download(file.id(), file.filename()))
                .put("filename", file.filename())
                .put("size_bytes", file.sizeBytes());
    }
}
