// Compile-only surface of the Jenkins API (see src/jenkins-api/README.md). Never packaged.
package org.jenkinsci.plugins.workflow.steps;

import hudson.model.Descriptor;
import java.util.Set;

public abstract class StepDescriptor extends Descriptor<Step> {
    public abstract Set<? extends Class<?>> getRequiredContext();

    public abstract String getFunctionName();

    public boolean takesImplicitBlockArgument() {
        throw new UnsupportedOperationException("Jenkins API compile-time surface");
    }

    public boolean isAdvanced() {
        throw new UnsupportedOperationException("Jenkins API compile-time surface");
    }
}
