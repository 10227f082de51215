package io.jenkins.plugins.buildstash.emulator;

import java.util.List;
import java.util.Set;

/**
 * The scope model (brief §2.2): {@code resource:level}, where the levels are cumulative, read &lt; create &lt; write.
 */
public final class Scopes {

    /** Every scope a workspace key can carry. */
    public static final Set<String> WORKSPACE = Set.of(
            "workspace:read", "members:read",
            "applications:read", "applications:create", "applications:write",
            "builds:read", "builds:create", "builds:write",
            "releases:read", "releases:create", "releases:write",
            "share_links:read", "share_links:create", "share_links:write",
            "distribution_groups:read", "distribution_groups:create", "distribution_groups:write",
            "portals:read", "portals:write",
            "webhooks:read", "webhooks:create", "webhooks:write");

    /** Every scope an application key can carry (note the singular {@code application}). */
    public static final Set<String> APPLICATION = Set.of(
            "application:read", "application:write",
            "members:read", "members:create", "members:write",
            "builds:read", "builds:create", "builds:write",
            "releases:read", "releases:create", "releases:write",
            "share_links:read", "share_links:create", "share_links:write",
            "webhooks:read", "webhooks:create", "webhooks:write");

    private static final List<String> LEVELS = List.of("read", "create", "write");

    private Scopes() {}

    /** Whether {@code granted} includes {@code required}, counting higher levels of the same resource. */
    static boolean grants(Set<String> granted, String required) {
        int colon = required.indexOf(':');
        String resource = required.substring(0, colon);
        int needed = LEVELS.indexOf(required.substring(colon + 1));
        for (String scope : granted) {
            int c = scope.indexOf(':');
            if (scope.substring(0, c).equals(resource) && LEVELS.indexOf(scope.substring(c + 1)) >= needed) {
                return true;
            }
        }
        return false;
    }
}
