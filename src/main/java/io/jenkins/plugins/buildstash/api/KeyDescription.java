package io.jenkins.plugins.buildstash.api;

import io.jenkins.plugins.buildstash.api.model.Application;
import io.jenkins.plugins.buildstash.api.model.Workspace;
import java.util.List;

/**
 * What an API key is and reaches, as far as the API lets us tell: it has no "who am I" route, so the kind is inferred
 * from what the key can list, and {@code evidence} says how.
 *
 * @param workspace the key's workspace, or null when it was not read ({@code BuildstashClient.classifyKey})
 * @param applications the applications the key can list (the first page), possibly empty when it may not list them
 */
public record KeyDescription(Workspace workspace, Kind kind, List<Application> applications, String evidence) {

    public enum Kind {
        /** Reaches the whole workspace; uploads must name an application. */
        WORKSPACE,
        /** Bound to one application; uploads go to it. */
        APPLICATION,
        /** The routes this key may call do not tell. */
        UNKNOWN
    }

    public KeyDescription {
        applications = List.copyOf(applications);
    }

    /** "Game (app_1), Tool (app_2)", for messages that ask the user to pick one. */
    public String applicationChoices() {
        StringBuilder s = new StringBuilder();
        for (Application app : applications) {
            if (s.length() > 0) {
                s.append(", ");
            }
            s.append(app.name()).append(" (").append(app.id()).append(')');
        }
        return s.toString();
    }
}
