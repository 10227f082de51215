// Compile-only surface of the Jenkins API (see src/jenkins-api/README.md). Never packaged.
package jenkins.security;

import java.io.Serializable;

public interface SerializableOnlyOverRemoting extends Serializable {}
