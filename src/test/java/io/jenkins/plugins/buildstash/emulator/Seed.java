package io.jenkins.plugins.buildstash.emulator;

import java.util.List;

/**
 * What {@link BuildstashEmulator#seedDefaults()} created: the workspace, the main application (its platforms and
 * stream names), a second application (for cross-application checks), a workspace key with every workspace scope and
 * an application key with every application scope for the main application. {@link #toString()} hides the keys.
 */
public record Seed(
        String workspaceId,
        String applicationId,
        String applicationName,
        List<String> platforms,
        List<String> streams,
        String otherApplicationId,
        String workspaceKey,
        String applicationKey) {

    @Override
    public String toString() {
        return "Seed[workspace=" + workspaceId + ", application=" + applicationId + " (" + applicationName + ", "
                + platforms + ", streams " + streams + "), other application=" + otherApplicationId
                + ", keys=<redacted>]";
    }
}
