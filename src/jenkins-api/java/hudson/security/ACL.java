// Compile-only surface of the Jenkins API (see src/jenkins-api/README.md). Never packaged.
package hudson.security;

import org.springframework.security.core.Authentication;

public abstract class ACL {
    public static final Authentication SYSTEM2 = null;
}
