package io.jenkins.plugins.buildstash.jenkins.freestyle;

import hudson.EnvVars;
import io.jenkins.plugins.buildstash.upload.TextInputs;

/** The credentials id of a Freestyle step as the credentials plugin expects to be given it. */
final class CredentialsIds {

    private CredentialsIds() {}

    /**
     * The id as configured, unexpanded: {@code CredentialsProvider.findCredentialById} resolves {@code ${PARAM}}
     * itself, with its checks of who may use a credentials parameter's value (USE_OWN, USE_ITEM); expanding it first
     * would skip them. A variable that expands to nothing means no id, so that the global default applies.
     */
    static String asConfigured(String configured, EnvVars env) {
        if (configured != null && configured.contains("${") && TextInputs.blankToNull(env.expand(configured)) == null) {
            return null;
        }
        return configured;
    }
}
