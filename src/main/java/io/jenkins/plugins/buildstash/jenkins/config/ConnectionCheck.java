package io.jenkins.plugins.buildstash.jenkins.config;

import hudson.model.Item;
import hudson.util.FormValidation;
import io.jenkins.plugins.buildstash.api.ApiBaseUrl;
import io.jenkins.plugins.buildstash.api.ApiKey;
import io.jenkins.plugins.buildstash.api.BuildstashClient;
import io.jenkins.plugins.buildstash.api.BuildstashException;
import io.jenkins.plugins.buildstash.api.KeyDescription;
import io.jenkins.plugins.buildstash.api.model.Application;
import java.io.IOException;

/** The "Test connection" buttons: which workspace, which kind of key, and what it reaches. */
public final class ConnectionCheck {

    private ConnectionCheck() {}

    static FormValidation run(BuildstashGlobalConfiguration config, Item item, String baseUrl, String credentialsId,
            String applicationId) {
        String id = credentialsId == null || credentialsId.isBlank() ? config.getCredentialsId() : credentialsId.trim();
        if (id == null) {
            return FormValidation.error("Choose the credentials that hold the Buildstash API key");
        }
        ApiKey key = BuildstashCredentials.forForm(item, id);
        if (key == null) {
            return FormValidation.error("No \"Secret text\" credential with id '" + id + "' is visible here");
        }
        try {
            String url = baseUrl == null || baseUrl.isBlank() ? config.getBaseUrl() : ApiBaseUrl.parse(baseUrl).toString();
            BuildstashClient client = config.client(key, url, line -> {});
            String report = describe(client.describeKey());
            if (applicationId != null && !applicationId.isBlank()) {
                Application app = client.getApplication(applicationId.trim());
                report += " Application '" + app.name() + "' (" + app.id() + ") is reachable.";
            }
            return FormValidation.ok(report);
        } catch (IllegalArgumentException | BuildstashException e) {
            return FormValidation.error(e.getMessage());
        } catch (IOException e) {
            return FormValidation.error("Could not reach Buildstash: " + e.getMessage());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return FormValidation.error("Interrupted");
        }
    }

    /** What the key is, in a sentence or two a Jenkins administrator can act on. */
    public static String describe(KeyDescription key) {
        String workspace = "Connected to the workspace '" + key.workspace().name() + "'";
        return switch (key.kind()) {
            case WORKSPACE -> workspace + " with a workspace key. It reaches " + key.applications().size()
                    + (key.applications().size() == 1 ? " application" : " applications")
                    + (key.applications().isEmpty() ? "" : ": " + key.applicationChoices())
                    + ". Uploads with this key must set applicationId.";
            case APPLICATION -> workspace + " with what looks like an application key for '"
                    + key.applications().get(0).name() + "' (" + key.applications().get(0).id() + "): " + key.evidence()
                    + ". Uploads go to that application; applicationId is not needed.";
            case UNKNOWN -> workspace + ". The key's kind could not be told: " + key.evidence()
                    + ". With a workspace key, uploads must set applicationId.";
        };
    }
}
