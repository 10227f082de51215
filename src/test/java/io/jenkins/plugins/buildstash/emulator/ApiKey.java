package io.jenkins.plugins.buildstash.emulator;

import java.util.Set;

/**
 * An API key: a workspace key (workspace scopes, every application) or an application key (application scopes, one
 * application). {@link #toString()} never shows the token.
 */
record ApiKey(String token, Kind kind, String workspaceId, String applicationId, Set<String> scopes) {

    enum Kind {
        WORKSPACE,
        APPLICATION
    }

    ApiKey {
        scopes = Set.copyOf(scopes);
        Set<String> allowed = kind == Kind.WORKSPACE ? Scopes.WORKSPACE : Scopes.APPLICATION;
        for (String scope : scopes) {
            if (!allowed.contains(scope)) {
                throw new IllegalArgumentException(
                        "'" + scope + "' is not a " + kind.name().toLowerCase(java.util.Locale.ROOT) + " key scope");
            }
        }
        if ((kind == Kind.APPLICATION) != (applicationId != null)) {
            throw new IllegalArgumentException("an application key names exactly one application; a workspace key none");
        }
    }

    boolean isApplicationKey() {
        return kind == Kind.APPLICATION;
    }

    boolean grants(String scope) {
        return Scopes.grants(scopes, scope);
    }

    @Override
    public String toString() {
        return "ApiKey[" + kind + (applicationId == null ? "" : " for " + applicationId) + ", scopes=" + scopes
                + ", token=<redacted>]";
    }
}
