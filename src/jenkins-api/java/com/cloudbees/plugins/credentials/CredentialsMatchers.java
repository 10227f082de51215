// Compile-only surface of the Jenkins API (see src/jenkins-api/README.md). Never packaged.
package com.cloudbees.plugins.credentials;

import edu.umd.cs.findbugs.annotations.NonNull;

public class CredentialsMatchers {
    private CredentialsMatchers() {}

    @NonNull
    public static CredentialsMatcher always() {
        throw new UnsupportedOperationException("Jenkins API compile-time surface");
    }

    @NonNull
    public static CredentialsMatcher withId(@NonNull String id) {
        throw new UnsupportedOperationException("Jenkins API compile-time surface");
    }

    @NonNull
    public static CredentialsMatcher not(@NonNull CredentialsMatcher matcher) {
        throw new UnsupportedOperationException("Jenkins API compile-time surface");
    }

    @NonNull
    public static CredentialsMatcher withScope(@NonNull CredentialsScope scope) {
        throw new UnsupportedOperationException("Jenkins API compile-time surface");
    }
}
