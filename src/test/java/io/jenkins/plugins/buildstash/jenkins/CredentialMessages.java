package io.jenkins.plugins.buildstash.jenkins;

import io.jenkins.plugins.buildstash.jenkins.config.BuildstashCredentials;

import hudson.AbortException;

/**
 * The credential messages a run shows, for tests outside this package: {@link BuildstashCredentials#resolve} with a
 * lookup that finds a Secret text credential, a credential of another type, or nothing.
 */
public final class CredentialMessages {

    private CredentialMessages() {}

    /**
     * @param secret the Secret text found under {@code id}, or null
     * @param otherType the type of a non-Secret-text credential found under {@code id}, or null
     * @return the key's {@code toString()} when the lookup succeeds
     */
    public static String resolve(String id, String jobName, String secret, String otherType) throws AbortException {
        return BuildstashCredentials.resolve(id, jobName, new BuildstashCredentials.Lookup() {
            @Override
            public String secretText(String credentialsId) {
                return secret;
            }

            @Override
            public String otherType(String credentialsId) {
                return otherType;
            }
        }).toString();
    }
}
