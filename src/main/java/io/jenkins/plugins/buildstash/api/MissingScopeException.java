package io.jenkins.plugins.buildstash.api;

/** HTTP 403 naming the scope the API key lacks, such as {@code builds:create}. */
public class MissingScopeException extends BuildstashException {

    private static final long serialVersionUID = 1L;

    private final String scope;

    public MissingScopeException(String operation, String scope, String serverMessage) {
        super("The API key lacks the '" + scope + "' scope needed for " + operation
                        + ": add it to the key in Buildstash, or use a key that has it",
                operation, serverMessage, Failure.status(403, null));
        this.scope = scope;
    }

    public String scope() {
        return scope;
    }
}
