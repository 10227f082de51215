// Compile-only surface of the Jenkins API (see src/jenkins-api/README.md). Never packaged.
package hudson;

public abstract class Launcher {
    private Launcher() {}
}
