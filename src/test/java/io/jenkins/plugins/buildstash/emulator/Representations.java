package io.jenkins.plugins.buildstash.emulator;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.jenkins.plugins.buildstash.emulator.Model.Application;
import io.jenkins.plugins.buildstash.emulator.Model.Build;
import io.jenkins.plugins.buildstash.emulator.Model.CustomTarget;
import io.jenkins.plugins.buildstash.emulator.Model.DefaultStream;
import io.jenkins.plugins.buildstash.emulator.Model.Label;
import io.jenkins.plugins.buildstash.emulator.Model.MetadataArtifact;
import io.jenkins.plugins.buildstash.emulator.Model.Release;
import io.jenkins.plugins.buildstash.emulator.Model.StoredFileRecord;
import io.jenkins.plugins.buildstash.emulator.Model.Stream;
import io.jenkins.plugins.buildstash.emulator.Model.User;
import io.jenkins.plugins.buildstash.emulator.Model.Webhook;
import io.jenkins.plugins.buildstash.emulator.Model.Workspace;
import java.time.Instant;
import java.util.Locale;

/**
 * The JSON of each resource schema in openapi.json. {@code single} adds what only a single-item GET shows;
 * {@code withParents} adds the parent IDs that lists and nested objects leave out.
 */
final class Representations {

    private final EmulatorState state;
    private final String webAppUrl;

    Representations(EmulatorState state, String webAppUrl) {
        this.state = state;
        this.webAppUrl = webAppUrl;
    }

    String buildPageUrl(String buildId) {
        return webAppUrl + "/builds/" + buildId;
    }

    String buildDownloadPageUrl(String buildId) {
        return webAppUrl + "/builds/" + buildId + "/download";
    }

    ObjectNode workspace(Workspace workspace) {
        return Json.object()
                .put("id", workspace.id())
                .put("name", workspace.name())
                .put("subdomain", workspace.subdomain())
                .putNull("logo_url")
                .put("created_at", Json.time(workspace.createdAt()))
                .put("updated_at", Json.time(workspace.createdAt()));
    }

    ObjectNode user(User user) {
        return Json.object()
                .put("id", user.id())
                .put("name", user.name())
                .put("email", user.email())
                .putNull("profile_photo_url");
    }

    ObjectNode member(User user, String role, Instant addedAt) {
        return user(user).put("role", role).put("added_at", Json.time(addedAt));
    }

    ObjectNode applicationMember(User user, String role) {
        return user(user).put("role", role);
    }

    ObjectNode application(Application application, boolean single) {
        long bytes = state.builds(application.id()).stream().mapToLong(Build::sizeTotalBytes).sum();
        ObjectNode node = Json.object()
                .put("id", application.id())
                .put("name", application.name())
                .put("description", application.description())
                .putNull("icon_url");
        if (single) {
            node.put("build_count", state.builds(application.id()).size());
        }
        node.put("custom_store_enabled", application.customStoreEnabled());
        node.putObject("storage_usage")
                .put("total_bytes", bytes)
                .put("total_string", sizeString(bytes))
                .put("hosted_bytes", bytes)
                .put("self_hosted_bytes", 0);
        return node.put("workspace_id", state.workspace().id())
                .put("created_at", Json.time(application.createdAt()))
                .put("updated_at", Json.time(application.createdAt()));
    }

    ObjectNode stream(Stream stream, boolean withParents) {
        ObjectNode node = Json.object()
                .put("id", stream.id())
                .put("name", stream.name())
                .put("description", stream.description());
        putInteger(node, "retention_days", stream.retentionDays());
        if (withParents) {
            node.put("application_id", stream.applicationId()).put("workspace_id", state.workspace().id());
        }
        return times(node, stream.createdAt());
    }

    ObjectNode defaultStream(DefaultStream stream) {
        ObjectNode node = Json.object()
                .put("id", stream.id())
                .put("name", stream.name())
                .put("description", stream.description());
        putInteger(node, "retention_days", stream.retentionDays());
        return times(node, stream.createdAt());
    }

    ObjectNode label(Label label, boolean withParents) {
        ObjectNode node = Json.object()
                .put("id", label.id())
                .put("name", label.name())
                .put("description", label.description())
                .put("color", label.color())
                .put("level", label.workspaceLevel() ? "workspace" : "application");
        if (withParents) {
            node.put("application_id", label.applicationId()).put("workspace_id", state.workspace().id());
        }
        return times(node, label.createdAt());
    }

    ObjectNode customTarget(CustomTarget target, boolean withParents) {
        Catalog.Platform platform = Catalog.platform(target.platform());
        ObjectNode node = Json.object()
                .put("id", target.id())
                .put("name", target.name())
                .put("description", target.description())
                .put("level", target.workspaceLevel() ? "workspace" : "application");
        node.putObject("platform").put("identifier", platform.identifier()).put("name", platform.name());
        node.putNull("icon_url");
        if (withParents) {
            node.put("application_id", target.applicationId()).put("workspace_id", state.workspace().id());
        }
        return times(node, target.createdAt());
    }

    ObjectNode platform(Catalog.Platform platform) {
        return Json.object()
                .put("identifier", platform.identifier())
                .put("name", platform.name())
                .put("short_name", platform.shortName())
                .put("upload_instruction", platform.uploadInstruction());
    }

    ObjectNode build(Build build, boolean single) {
        ObjectNode node = Json.object().put("id", build.id()).put("build_structure", build.structure());
        putVersion(node, build.version()).put("build_number", build.buildNumber());
        node.set("platform", platform(Catalog.platform(build.platform())));
        node.set("stream", stream(state.streamById(build.streamId()).orElseThrow(), false));
        ArrayNode labels = node.putArray("labels");
        build.labelIds().forEach(id -> state.labelById(id).ifPresent(label -> labels.add(label(label, false))));
        ArrayNode architectures = node.putArray("architectures");
        for (String identifier : build.architectures()) {
            Catalog.Architecture architecture = Catalog.ARCHITECTURES.get(identifier);
            architectures.addObject()
                    .put("identifier", architecture.identifier())
                    .put("name", architecture.name())
                    .put("description", architecture.description());
        }
        long metadataBytes = state.metadataArtifacts(build.id()).stream()
                .mapToLong(artifact -> artifact.file().sizeBytes())
                .sum();
        node.put("notes", build.notes())
                .put("size_total_bytes", build.sizeTotalBytes())
                .put("size_total_string", sizeString(build.sizeTotalBytes()))
                .put("metadata_total_bytes", metadataBytes);
        if (single) {
            node.set("primary_file", file(build.primary(), "filetype"));
            ArrayNode expansions = node.putArray("expansion_files");
            build.expansions().forEach(file -> expansions.add(file(file, "expansion_filetype")));
            ArrayNode artifacts = node.putArray("metadata_artifacts");
            state.metadataArtifacts(build.id()).forEach(artifact -> artifacts.add(metadataArtifact(artifact, false)));
            // ios_info and android_info are left out: the emulator does not parse packages, and the spec's
            // "nullable" beside their $ref is ignored by OpenAPI 3.0, so a null would fail strict validators.
        }
        node.put("build_source", build.source());
        Model.CiInfo ci = build.ci();
        node.putObject("ci_pipeline")
                .put("ci_pipeline_name", ci.pipelineName())
                .put("ci_pipeline_url", ci.pipelineUrl())
                .put("ci_run_id", ci.runId())
                .put("ci_run_url", ci.runUrl())
                .put("ci_build_duration", ci.buildDuration());
        Model.ScmInfo scm = build.scm();
        String sha = scm.commitSha();
        node.putObject("scm")
                .put("scm_host_type", scm.hostType())
                .put("scm_host", scm.host())
                .put("scm_repo_name", scm.repoName())
                .put("scm_repo_url", scm.repoUrl())
                .put("scm_branch", scm.branch())
                .put("scm_commit_sha", sha)
                .put("scm_commit_sha_short", sha == null ? null : sha.substring(0, Math.min(7, sha.length())))
                .put("scm_commit_url", scm.commitUrl());
        node.put("pending", build.pendingAt(state.now()))
                .put("modal_url", buildPageUrl(build.id()))
                .put("download_url", buildDownloadPageUrl(build.id()));
        if (single) {
            node.put("application_id", build.applicationId()).put("workspace_id", state.workspace().id());
        }
        node.put("built_at", Json.time(build.builtAt()));
        return times(node, build.createdAt());
    }

    ObjectNode metadataArtifact(MetadataArtifact artifact, boolean withParents) {
        ObjectNode node = file(artifact.file(), "metadata_filetype");
        if (withParents) {
            Build build = state.build(artifact.buildId()).orElseThrow();
            node.put("build_id", build.id())
                    .put("application_id", build.applicationId())
                    .put("workspace_id", state.workspace().id());
        }
        return node;
    }

    ObjectNode release(Release release, boolean single) {
        ObjectNode node = Json.object().put("id", release.id());
        putVersion(node, release.version()).put("title", release.title());
        if (single) {
            node.put("notes", release.notes());
        }
        ArrayNode labels = node.putArray("labels");
        release.labelIds().forEach(id -> state.labelById(id).ifPresent(label -> labels.add(label(label, false))));
        if (single) {
            ArrayNode builds = node.putArray("builds");
            release.buildIds().forEach(id -> state.build(id).ifPresent(build -> builds.add(build(build, true))));
            node.put("application_id", release.applicationId()).put("workspace_id", state.workspace().id());
        } else {
            node.put("build_count", release.buildIds().size());
        }
        return times(node, release.createdAt());
    }

    ObjectNode webhook(Webhook webhook, boolean single) {
        ObjectNode node = Json.object()
                .put("id", webhook.id())
                .put("description", webhook.description())
                .put("url", webhook.url())
                .put("event", webhook.event())
                .put("secret_configured", true)
                .put("format", webhook.format())
                .put("level", "application")
                .put("is_active", webhook.active())
                .put("in_error_state", false)
                .put("last_successful_request_at", Json.time(webhook.lastSuccessfulRequestAt()))
                .putNull("last_failed_request_at");
        ObjectNode subscription = node.putObject("event_subscription").put("event", webhook.event());
        if (webhook.streamId() == null) {
            subscription.putNull("stream");
        } else {
            Stream stream = state.streamById(webhook.streamId()).orElseThrow();
            subscription.putObject("stream").put("id", stream.id()).put("name", stream.name());
        }
        subscription.putNull("label");
        if (single) {
            node.set("latest_webhook_request", latestDelivery(webhook));
        }
        node.put("application_id", webhook.applicationId()).put("workspace_id", state.workspace().id());
        return times(node, webhook.createdAt());
    }

    private ObjectNode latestDelivery(Webhook webhook) {
        ObjectNode delivery = Json.object()
                .put("id", webhook.id().substring(0, 8) + "-delivery")
                .put("event", webhook.event())
                .put("url", webhook.url())
                .put("duration", 0.182);
        delivery.putObject("request_headers")
                .put("content-type", "application/json")
                .put("user-agent", "Buildstash-Webhooks/1.0");
        delivery.putObject("request_payload").put("event", webhook.event());
        delivery.put("response_code", 200);
        delivery.putObject("response_headers").put("content-type", "text/plain").put("content-length", "2");
        delivery.put("response_payload", "ok").put("delivery_attempts", 1);
        Instant at = webhook.lastSuccessfulRequestAt() != null ? webhook.lastSuccessfulRequestAt() : webhook.createdAt();
        return delivery.put("created_at", Json.time(at));
    }

    private ObjectNode file(StoredFileRecord file, String typeField) {
        ObjectNode node = Json.object()
                .put("id", file.id())
                .put("filename", file.filename())
                .put("size_bytes", file.sizeBytes())
                .put("size_string", sizeString(file.sizeBytes()))
                .putNull("checksum_md5");
        node.putNull(typeField);
        return times(node, file.createdAt());
    }

    /** The version fields builds and releases share. */
    private static ObjectNode putVersion(ObjectNode node, Version version) {
        return node.put("version", version.full())
                .put("version_short", version.core())
                .put("version_semantic_major", version.major())
                .put("version_semantic_minor", version.minor())
                .put("version_semantic_patch", version.patch())
                .put("version_semantic_extra", version.extra())
                .put("version_semantic_meta", version.meta());
    }

    private static ObjectNode times(ObjectNode node, Instant createdAt) {
        return node.put("created_at", Json.time(createdAt)).put("updated_at", Json.time(createdAt));
    }

    private static void putInteger(ObjectNode node, String field, Integer value) {
        if (value == null) {
            node.putNull(field);
        } else {
            node.put(field, value);
        }
    }

    /** Sizes as the web app writes them: decimal units, two decimals ("12.35 MB"). */
    static String sizeString(long bytes) {
        String[] units = {"B", "KB", "MB", "GB", "TB"};
        double value = bytes;
        int unit = 0;
        while (value >= 1000 && unit < units.length - 1) {
            value /= 1000;
            unit++;
        }
        return unit == 0 ? bytes + " B" : String.format(Locale.ROOT, "%.2f %s", value, units[unit]);
    }
}
