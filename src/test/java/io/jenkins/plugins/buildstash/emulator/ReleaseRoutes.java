package io.jenkins.plugins.buildstash.emulator;

import io.jenkins.plugins.buildstash.emulator.Model.Label;
import io.jenkins.plugins.buildstash.emulator.Model.Release;
import io.jenkins.plugins.buildstash.emulator.Model.Webhook;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/** The read-only release and webhook routes (the API creates neither, brief §7). */
final class ReleaseRoutes {

    private final EmulatorState state;
    private final Representations json;

    ReleaseRoutes(EmulatorState state, Representations json) {
        this.state = state;
        this.json = json;
    }

    void register(Api api) {
        Access releasesRead = Access.scope("releases:read");
        api.get("/applications/{application_id}/releases", "listReleases", releasesRead, this::list);
        api.get("/applications/{application_id}/releases/{release_id}", "getRelease", releasesRead, call -> {
            Release release = state.releases(call.application().id()).stream()
                    .filter(r -> r.id().equals(call.path("release_id")))
                    .findFirst()
                    .orElseThrow(() -> ApiError.notFound("Release not found."));
            return Json.single("Release retrieved successfully.", json.release(release, true));
        });
        Access webhooksRead = Access.scope("webhooks:read");
        api.get("/applications/{application_id}/webhooks", "listWebhooks", webhooksRead, call -> Lists.page(
                call, "Webhooks retrieved successfully.", state.webhooks(call.application().id()),
                webhook -> json.webhook(webhook, false)));
        // getWebhook states no scope (G6); webhooks:read, as for the list, is the reading taken here.
        api.get("/applications/{application_id}/webhooks/{webhook_id}", "getWebhook", webhooksRead, call -> {
            Webhook webhook = state.webhooks(call.application().id()).stream()
                    .filter(w -> w.id().equals(call.path("webhook_id")))
                    .findFirst()
                    .orElseThrow(() -> ApiError.notFound("Webhook not found."));
            return Json.single("Webhook retrieved successfully.", json.webhook(webhook, true));
        });
    }

    private Response list(ApiCall call) {
        String applicationId = call.application().id();
        Set<String> labels = BuildRoutes.resolve(call, "labels",
                value -> Lists.byIdOrName(state.labels(applicationId), value, Label::id, Label::name)
                        .map(Label::id).orElse(null),
                "The label identifier %s is invalid.");
        Set<String> platforms = BuildRoutes.resolve(call, "platforms",
                value -> Catalog.PLATFORMS.containsKey(value) ? value : null, "The platform identifier %s is invalid.");
        String search = call.query("search");
        List<Release> releases = state.releases(applicationId).stream()
                .filter(r -> labels.isEmpty() || r.labelIds().stream().anyMatch(labels::contains))
                .filter(r -> platforms.isEmpty() || r.buildIds().stream()
                        .flatMap(id -> state.build(id).stream())
                        .anyMatch(build -> platforms.contains(build.platform())))
                .filter(r -> search == null || Lists.contains(r.title(), search)
                        || Lists.contains(r.version().full(), search) || Lists.contains(r.notes(), search))
                .toList();
        Comparator<Release> byCreation = Comparator.comparing(Release::createdAt);
        Map<String, Comparator<Release>> keys = new LinkedHashMap<>();
        keys.put("version", Comparator.comparing(Release::version).thenComparing(byCreation));
        keys.put("version_short", Comparator.comparing(Release::version, Version.BY_CORE).thenComparing(byCreation));
        keys.put("title", Comparator.comparing(Release::title, Comparator.nullsFirst(Comparator.naturalOrder()))
                .thenComparing(byCreation));
        keys.put("created_at", byCreation);
        return Lists.page(call, "Releases retrieved successfully.", Lists.sorted(call, releases, keys, "created_at"),
                release -> json.release(release, false));
    }
}
