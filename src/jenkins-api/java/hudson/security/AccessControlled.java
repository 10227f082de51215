// Compile-only surface of the Jenkins API (see src/jenkins-api/README.md). Never packaged.
package hudson.security;

import edu.umd.cs.findbugs.annotations.NonNull;
import org.springframework.security.access.AccessDeniedException;

public interface AccessControlled {
    default void checkPermission(@NonNull Permission permission) throws AccessDeniedException {
        throw new UnsupportedOperationException("Jenkins API compile-time surface");
    }

    default boolean hasPermission(@NonNull Permission permission) {
        throw new UnsupportedOperationException("Jenkins API compile-time surface");
    }
}
