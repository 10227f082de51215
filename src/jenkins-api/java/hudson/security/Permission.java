// Compile-only surface of the Jenkins API (see src/jenkins-api/README.md). Never packaged.
package hudson.security;

public final class Permission {
    private Permission() {}

    public static final Permission HUDSON_ADMINISTER = null;
}
