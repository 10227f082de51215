// Compile-only surface of the Jenkins API (see src/jenkins-api/README.md). Never packaged.
package jenkins.model;

import java.io.IOException;

public interface Loadable {
    void load() throws IOException;
}
