package io.jenkins.plugins.buildstash.emulator;

import io.jenkins.plugins.buildstash.emulator.Model.CustomTarget;
import io.jenkins.plugins.buildstash.emulator.Model.Label;
import java.util.List;

/** The workspace routes: the workspace, its members, labels, default streams and custom targets, and users. */
final class WorkspaceRoutes {

    private static final String WORKSPACE_KEYS_ONLY =
            "Application API keys cannot list workspace members: use /applications/{application_id}/members.";

    private final EmulatorState state;
    private final Representations json;

    WorkspaceRoutes(EmulatorState state, Representations json) {
        this.state = state;
        this.json = json;
    }

    void register(Api api) {
        api.get("/workspace", "getWorkspace", Access.anyKey(), call -> {
            return Json.single("Workspace retrieved successfully.", json.workspace(state.workspace()));
        });
        api.get("/workspace/members", "listWorkspaceMembers",
                Access.workspaceKeysOnly("members:read", WORKSPACE_KEYS_ONLY), this::listMembers);
        Access workspaceRead = Access.workspaceKeysOnly("workspace:read", "This action requires 'workspace:read' scope.");
        api.get("/workspace/labels", "listWorkspaceLabels", workspaceRead, call -> Lists.list(
                "Workspace labels retrieved successfully.", state.workspaceLabels(), label -> json.label(label, false)));
        api.get("/workspace/labels/{label_identifier}", "getWorkspaceLabel", workspaceRead, call -> {
            Label label = Lists.byIdOrName(state.workspaceLabels(), call.path("label_identifier"), Label::id, Label::name)
                    .orElseThrow(() -> ApiError.notFound("Label not found."));
            return Json.single("Label retrieved successfully.", json.label(label, true));
        });
        api.get("/workspace/default-streams", "listWorkspaceDefaultStreams", workspaceRead, call -> Lists.list(
                "Workspace default streams retrieved successfully.", state.defaultStreams(), json::defaultStream));
        api.get("/workspace/custom-targets", "listWorkspaceCustomTargets", workspaceRead, call -> Lists.list(
                "Workspace custom targets retrieved successfully.", state.workspaceCustomTargets(),
                target -> json.customTarget(target, false)));
        api.get("/workspace/custom-targets/{target_identifier}", "getWorkspaceCustomTarget", workspaceRead, call -> {
            CustomTarget target = Lists.byIdOrName(state.workspaceCustomTargets(), call.path("target_identifier"),
                    CustomTarget::id, CustomTarget::name)
                    .orElseThrow(() -> ApiError.notFound("Custom target not found."));
            return Json.single("Custom target retrieved successfully.", json.customTarget(target, true));
        });
        api.get("/users/{user_id}", "getUser", Access.anyKey(), call -> {
            Model.User user = state.user(call.path("user_id")).orElseThrow(() -> ApiError.notFound("User not found."));
            return Json.single("User retrieved successfully.", json.user(user));
        });
    }

    private Response listMembers(ApiCall call) {
        List<MemberList.Row> rows = state.members().stream()
                .map(member -> new MemberList.Row(
                        state.user(member.userId()).orElseThrow(), member.role(), member.addedAt()))
                .toList();
        return MemberList.page(call, "Members retrieved successfully.", rows,
                row -> json.member(row.user(), row.role(), row.addedAt()));
    }
}
