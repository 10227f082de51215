// Compile-only surface of the Jenkins API (see src/jenkins-api/README.md). Never packaged.
package hudson.model;

import java.io.IOException;

public interface Saveable {
    void save() throws IOException;
}
