package io.jenkins.plugins.buildstash.emulator;

/**
 * Who may call an API route (brief §2.3): the scope a workspace key needs and the scope an application key needs (null:
 * none), or a refusal for application keys on workspace-only routes.
 */
record Access(String workspaceScope, String applicationScope, String applicationKeyRefusal) {

    /** Any valid key, no scope ({@code GET /workspace}, {@code GET /users/{id}}). */
    static Access anyKey() {
        return new Access(null, null, null);
    }

    /** The same scope for both kinds of key. */
    static Access scope(String scope) {
        return new Access(scope, scope, null);
    }

    static Access scopes(String workspaceScope, String applicationScope) {
        return new Access(workspaceScope, applicationScope, null);
    }

    /** Workspace keys with {@code scope}; application keys are refused with {@code refusal}. */
    static Access workspaceKeysOnly(String scope, String refusal) {
        return new Access(scope, null, refusal);
    }

    /** @throws ApiError 403 when the key may not call the route */
    void check(ApiKey key) {
        if (key.isApplicationKey()) {
            if (applicationKeyRefusal != null) {
                throw ApiError.forbidden(applicationKeyRefusal);
            }
            if (applicationScope != null && !key.grants(applicationScope)) {
                throw ApiError.missingScope(applicationScope);
            }
        } else if (workspaceScope != null && !key.grants(workspaceScope)) {
            throw ApiError.missingScope(workspaceScope);
        }
    }
}
