// Compile-only surface of the Jenkins API (see src/jenkins-api/README.md). Never packaged.
package hudson.tasks;

/** The real constants have bodies that implement an abstract perform method; nothing here calls it. */
public enum BuildStepMonitor {
    NONE,
    STEP,
    BUILD
}
