// Compile-only surface of the Jenkins API (see src/jenkins-api/README.md). Never packaged.
package hudson.tasks;

import hudson.ExtensionPoint;
import hudson.model.Describable;
import hudson.model.Descriptor;

@SuppressWarnings("deprecation")
public abstract class Builder extends BuildStepCompatibilityLayer implements Describable<Builder>, ExtensionPoint {
    @Override
    public BuildStepMonitor getRequiredMonitorService() {
        throw new UnsupportedOperationException("Jenkins API compile-time surface");
    }

    @Override
    public Descriptor<Builder> getDescriptor() {
        throw new UnsupportedOperationException("Jenkins API compile-time surface");
    }
}
