// Compile-only surface of the Jenkins API (see src/jenkins-api/README.md). Never packaged.
package hudson.tasks;

import hudson.ExtensionPoint;

@SuppressWarnings("deprecation")
public abstract class Recorder extends Publisher implements ExtensionPoint {
    protected Recorder() {}

    @Override
    @SuppressWarnings("rawtypes")
    public BuildStepDescriptor getDescriptor() {
        throw new UnsupportedOperationException("Jenkins API compile-time surface");
    }
}
