// Compile-only surface of the Jenkins API (see src/jenkins-api/README.md). Never packaged.
package org.jenkinsci.plugins.workflow.steps;

import edu.umd.cs.findbugs.annotations.CheckForNull;
import edu.umd.cs.findbugs.annotations.NonNull;
import java.io.Serializable;

public abstract class StepExecution implements Serializable {
    protected StepExecution(@NonNull StepContext context) {}

    public @NonNull StepContext getContext() {
        throw new UnsupportedOperationException("Jenkins API compile-time surface");
    }

    public abstract boolean start() throws Exception;

    public void stop(@NonNull Throwable cause) throws Exception {
        throw new UnsupportedOperationException("Jenkins API compile-time surface");
    }

    public void onResume() {
        throw new UnsupportedOperationException("Jenkins API compile-time surface");
    }

    public @CheckForNull String getStatus() {
        throw new UnsupportedOperationException("Jenkins API compile-time surface");
    }
}
