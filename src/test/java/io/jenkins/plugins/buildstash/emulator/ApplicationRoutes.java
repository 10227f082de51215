package io.jenkins.plugins.buildstash.emulator;

import io.jenkins.plugins.buildstash.emulator.Model.Application;
import io.jenkins.plugins.buildstash.emulator.Model.CustomTarget;
import io.jenkins.plugins.buildstash.emulator.Model.Label;
import io.jenkins.plugins.buildstash.emulator.Model.Stream;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The application routes: applications, and each application's members, streams, labels, platforms and custom
 * targets. An application key lists only its own application and reads it without a scope (the spec's rule, G6).
 */
final class ApplicationRoutes {

    private static final Access APPLICATION_READ = Access.scopes("applications:read", "application:read");

    private final EmulatorState state;
    private final Representations json;

    ApplicationRoutes(EmulatorState state, Representations json) {
        this.state = state;
        this.json = json;
    }

    void register(Api api) {
        api.get("/applications", "listApplications", Access.scopes("applications:read", null), this::list);
        api.get("/applications/{application_id}", "getApplication", Access.scopes("applications:read", null),
                call -> Json.single("Application retrieved successfully.", json.application(call.application(), true)));
        api.get("/applications/{application_id}/members", "listApplicationMembers",
                Access.scopes("applications:read", "members:read"), this::listMembers);
        api.get("/applications/{application_id}/streams", "listApplicationStreams", APPLICATION_READ, call -> Lists.list(
                "Streams retrieved successfully.", state.streams(call.application().id()),
                stream -> json.stream(stream, false)));
        api.get("/applications/{application_id}/streams/{stream_identifier}", "getStream", APPLICATION_READ, call -> {
            Stream stream = state.stream(call.application().id(), call.path("stream_identifier"))
                    .orElseThrow(() -> ApiError.notFound("Stream not found."));
            return Json.single("Stream retrieved successfully.", json.stream(stream, true));
        });
        api.get("/applications/{application_id}/labels", "listApplicationLabels", APPLICATION_READ, call -> Lists.list(
                "Labels retrieved successfully.", state.labels(call.application().id()),
                label -> json.label(label, false)));
        api.get("/applications/{application_id}/labels/{label_identifier}", "getApplicationLabel", APPLICATION_READ,
                call -> {
                    Label label = Lists.byIdOrName(state.labels(call.application().id()), call.path("label_identifier"),
                                    Label::id, Label::name)
                            .orElseThrow(() -> ApiError.notFound("Label not found for this application."));
                    return Json.single("Label retrieved successfully.", json.label(label, true));
                });
        api.get("/applications/{application_id}/platforms", "listApplicationPlatforms", APPLICATION_READ,
                call -> Lists.list("Platforms retrieved successfully.", call.application().platforms(),
                        identifier -> json.platform(Catalog.platform(identifier))));
        api.get("/applications/{application_id}/custom-targets", "listApplicationCustomTargets", APPLICATION_READ,
                call -> Lists.list("Application custom targets retrieved successfully.",
                        state.customTargets(call.application().id()), target -> json.customTarget(target, false)));
        api.get("/applications/{application_id}/custom-targets/{target_identifier}", "getApplicationCustomTarget",
                APPLICATION_READ, call -> {
                    CustomTarget target = Lists.byIdOrName(state.customTargets(call.application().id()),
                                    call.path("target_identifier"), CustomTarget::id, CustomTarget::name)
                            .orElseThrow(() -> ApiError.notFound("Custom target not found for this application."));
                    return Json.single("Custom target retrieved successfully.", json.customTarget(target, true));
                });
    }

    private Response list(ApiCall call) {
        String platform = call.query("platform");
        if (platform != null && !Catalog.PLATFORMS.containsKey(platform)) {
            throw ApiError.invalidFilter("Platform identifier provided was invalid.");
        }
        String search = call.query("search");
        List<Application> applications = state.applications().stream()
                .filter(app -> !call.key().isApplicationKey() || app.id().equals(call.key().applicationId()))
                .filter(app -> platform == null || app.platforms().contains(platform))
                .filter(app -> search == null || Lists.contains(app.name(), search)
                        || Lists.contains(app.description(), search))
                .toList();
        Map<String, Comparator<Application>> keys = new LinkedHashMap<>();
        keys.put("name", Comparator.comparing(Application::name));
        keys.put("created_at", Comparator.comparing(Application::createdAt));
        keys.put("updated_at", Comparator.comparing(Application::createdAt));
        return Lists.page(call, "Applications retrieved successfully.", Lists.sorted(call, applications, keys, "name"),
                app -> json.application(app, false));
    }

    private Response listMembers(ApiCall call) {
        List<MemberList.Row> rows = state.applicationMembers(call.application().id()).stream()
                .map(member -> new MemberList.Row(state.user(member.userId()).orElseThrow(), member.role(), null))
                .toList();
        return MemberList.page(call, "Application members retrieved successfully.", rows,
                row -> json.applicationMember(row.user(), row.role()));
    }
}
