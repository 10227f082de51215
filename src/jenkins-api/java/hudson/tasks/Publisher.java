// Compile-only surface of the Jenkins API (see src/jenkins-api/README.md). Never packaged.
package hudson.tasks;

import hudson.model.Describable;
import hudson.model.Descriptor;

@SuppressWarnings("deprecation")
public abstract class Publisher extends BuildStepCompatibilityLayer implements Describable<Publisher> {
    @Deprecated
    protected Publisher() {}

    public boolean needsToRunAfterFinalized() {
        throw new UnsupportedOperationException("Jenkins API compile-time surface");
    }

    @Override
    public Descriptor<Publisher> getDescriptor() {
        throw new UnsupportedOperationException("Jenkins API compile-time surface");
    }
}
