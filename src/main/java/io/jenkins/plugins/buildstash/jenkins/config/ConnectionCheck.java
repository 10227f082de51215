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
import org.kohsuke.accmod.Restricted;
import org.kohsuke.accmod.restrictions.NoExternalUse;

/** The "Test connection" buttons: which workspace, which kind of key, and what it reaches. */
@Restricted(NoExternalUse.class)
public final class ConnectionCheck {

    private ConnectionCheck() {}

    static FormValidation run(BuildstashGlobalConfiguration config, Item item, String baseUrl, String credentialsId,
            String applicationId) {
        String id = credentialsId == null || credentialsId.isBlank() ? config.getCredentialsId() : credentialsId.trim();
        if (id == null) {
            return FormValidation.error(Messages.ConnectionCheck_ChooseCredentials());
        }
        ApiKey key = BuildstashCredentials.forForm(item, id);
        if (key == null) {
            return FormValidation.error(Messages.ConnectionCheck_NotVisible(id));
        }
        try {
            String url = baseUrl == null || baseUrl.isBlank() ? config.getBaseUrl() : ApiBaseUrl.parse(baseUrl).toString();
            BuildstashClient client = config.client(key, url, line -> {});
            String report = describe(client.describeKey());
            if (applicationId != null && !applicationId.isBlank()) {
                Application app = client.getApplication(applicationId.trim());
                report += " " + Messages.ConnectionCheck_ApplicationReachable(app.name(), app.id());
            }
            return FormValidation.ok(report);
        } catch (IllegalArgumentException | BuildstashException e) {
            return FormValidation.error(e.getMessage());
        } catch (IOException e) {
            return FormValidation.error(Messages.ConnectionCheck_Unreachable(e.getMessage()));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return FormValidation.error(Messages.ConnectionCheck_Interrupted());
        }
    }

    /** What the key is, in a sentence or two a Jenkins administrator can act on. */
    public static String describe(KeyDescription key) {
        String workspace = Messages.ConnectionCheck_Workspace(key.workspace().name());
        int reached = key.applications().size();
        return switch (key.kind()) {
            case WORKSPACE -> Messages.ConnectionCheck_WorkspaceKey(workspace,
                    reached == 1 ? Messages.ConnectionCheck_OneApplication()
                            : Messages.ConnectionCheck_Applications(Integer.toString(reached)),
                    reached == 0 ? "" : ": " + key.applicationChoices());
            case APPLICATION -> Messages.ConnectionCheck_ApplicationKey(workspace, key.applications().get(0).name(),
                    key.applications().get(0).id(), key.evidence());
            case UNKNOWN -> Messages.ConnectionCheck_UnknownKey(workspace, key.evidence());
        };
    }
}
