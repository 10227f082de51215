package io.jenkins.plugins.buildstash.jenkins.config;

import com.cloudbees.plugins.credentials.Credentials;
import com.cloudbees.plugins.credentials.CredentialsMatchers;
import com.cloudbees.plugins.credentials.CredentialsProvider;
import com.cloudbees.plugins.credentials.CredentialsScope;
import com.cloudbees.plugins.credentials.common.IdCredentials;
import com.cloudbees.plugins.credentials.common.StandardListBoxModel;
import com.cloudbees.plugins.credentials.domains.URIRequirementBuilder;
import hudson.AbortException;
import hudson.model.Item;
import hudson.model.Queue;
import hudson.model.Run;
import hudson.model.queue.Tasks;
import hudson.security.ACL;
import hudson.util.FormValidation;
import hudson.util.ListBoxModel;
import io.jenkins.plugins.buildstash.api.ApiKey;
import java.util.List;
import jenkins.model.Jenkins;
import org.jenkinsci.plugins.plaincredentials.StringCredentials;
import org.springframework.security.core.Authentication;

/** API keys kept as Jenkins "Secret text" credentials: found by id, checked, tracked, and listed with permission checks. */
public final class BuildstashCredentials {

    private BuildstashCredentials() {}

    /**
     * The key of credential {@code id} as the run may use it (folder credentials, credential parameters and the run's
     * authentication all apply). Read on the controller; only the client on the controller ever holds it.
     *
     * @param configuredId the id the step or job names, or null for the default of the global configuration
     */
    public static ApiKey forRun(Run<?, ?> run, String configuredId) throws AbortException {
        String id = configuredId != null ? configuredId : BuildstashGlobalConfiguration.get().getCredentialsId();
        return resolve(id, run.getParent().getFullName(), new Lookup() {
            @Override
            public String secretText(String credentialsId) {
                StringCredentials found = CredentialsProvider.findCredentialById(credentialsId, StringCredentials.class, run);
                if (found == null) {
                    return null;
                }
                CredentialsProvider.track(run, found);
                return found.getSecret().getPlainText();
            }

            @Override
            public String otherType(String credentialsId) {
                IdCredentials other = CredentialsProvider.findCredentialById(credentialsId, IdCredentials.class, run);
                return other == null ? null : other.getClass().getSimpleName();
            }
        });
    }

    /** How a run finds credentials; separate so that the messages can be tested without Jenkins. */
    public interface Lookup {
        /** The secret of the Secret text credential with this id, or null when there is none. */
        String secretText(String credentialsId);

        /** The type of a credential with this id that is not Secret text, or null when there is none. */
        String otherType(String credentialsId);
    }

    public static ApiKey resolve(String id, String jobName, Lookup lookup) throws AbortException {
        String credentialsId = id == null ? null : id.trim();
        if (credentialsId == null || credentialsId.isEmpty()) {
            throw new AbortException("No Buildstash credentials: set credentialsId to the id of a \"Secret text\""
                    + " credential holding the API key, or set a default in Manage Jenkins › System › Buildstash");
        }
        String secret = lookup.secretText(credentialsId);
        if (secret == null) {
            String otherType = lookup.otherType(credentialsId);
            if (otherType != null) {
                throw new AbortException("The credentials '" + credentialsId + "' are of type " + otherType
                        + ", but the Buildstash API key must be a \"Secret text\" credential: create one holding the key"
                        + " and use its id");
            }
            throw new AbortException("No credentials with id '" + credentialsId + "' are visible to " + jobName
                    + ": check the id, and that the credential is in this job's folder or global scope");
        }
        try {
            return ApiKey.of(secret);
        } catch (IllegalArgumentException e) {
            throw new AbortException("The credentials '" + credentialsId + "': " + e.getMessage());
        }
    }

    /** For form validation and connection tests, in the context of a job (or of Jenkins when {@code item} is null). */
    public static ApiKey forForm(Item item, String id) {
        return usableByBuilds(item, visible(item)).stream()
                .filter(c -> c.getId().equals(id))
                .findFirst()
                .map(c -> ApiKey.of(c.getSecret().getPlainText()))
                .orElse(null);
    }

    /** The credential drop-down: only users who may configure the job or use its credentials (or Jenkins) see the list. */
    public static ListBoxModel items(Item item, String current, String baseUrl) {
        StandardListBoxModel result = new StandardListBoxModel();
        if (!canList(item)) {
            result.includeCurrentValue(current == null ? "" : current);
            return result;
        }
        result.includeEmptyValue()
                .includeMatchingAs(authentication(item), item, StringCredentials.class,
                        URIRequirementBuilder.fromUri(baseUrl).build(),
                        item == null ? CredentialsMatchers.not(CredentialsMatchers.withScope(CredentialsScope.SYSTEM))
                                : CredentialsMatchers.always())
                .includeCurrentValue(current == null ? "" : current);
        return result;
    }

    public static FormValidation check(Item item, String value) {
        if (!canList(item) || value == null || value.isBlank()) {
            return FormValidation.ok();
        }
        if (value.startsWith("${")) {
            return FormValidation.warning("Cannot check an expression; it is resolved when the build runs");
        }
        boolean exists = usableByBuilds(item, visible(item)).stream().anyMatch(c -> c.getId().equals(value));
        return exists
                ? FormValidation.ok()
                : FormValidation.error("No \"Secret text\" credential with this id is visible here");
    }

    private static List<StringCredentials> visible(Item item) {
        return CredentialsProvider.lookupCredentialsInItem(
                StringCredentials.class, item, authentication(item), URIRequirementBuilder.fromUri(null).build());
    }

    /**
     * The credentials a build could use. In a job, what its builds' authentication sees. At the root the lookup runs
     * as {@code ACL.SYSTEM2}, which also sees SYSTEM-scoped credentials: those are for Jenkins itself, and no build
     * can read them, so offering one would pass the check and then fail every build with "not visible".
     */
    static <C extends Credentials> List<C> usableByBuilds(Item item, List<C> found) {
        return item != null ? found : found.stream().filter(c -> c.getScope() != CredentialsScope.SYSTEM).toList();
    }

    private static boolean canList(Item item) {
        if (item == null) {
            return Jenkins.get().hasPermission(Jenkins.ADMINISTER);
        }
        return item.hasPermission(Item.CONFIGURE) || item.hasPermission(CredentialsProvider.USE_ITEM);
    }

    private static Authentication authentication(Item item) {
        return item instanceof Queue.Task task ? Tasks.getAuthenticationOf2(task) : ACL.SYSTEM2;
    }
}
