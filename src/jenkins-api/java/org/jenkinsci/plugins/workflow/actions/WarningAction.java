// Compile-only surface of the Jenkins API (see src/jenkins-api/README.md). Never packaged.
package org.jenkinsci.plugins.workflow.actions;

import edu.umd.cs.findbugs.annotations.CheckForNull;
import edu.umd.cs.findbugs.annotations.NonNull;
import hudson.model.Result;

public class WarningAction implements PersistentAction {
    public WarningAction(@NonNull Result result) {}

    public WarningAction withMessage(String message) {
        throw new UnsupportedOperationException("Jenkins API compile-time surface");
    }

    public @CheckForNull String getMessage() {
        throw new UnsupportedOperationException("Jenkins API compile-time surface");
    }

    public @NonNull Result getResult() {
        throw new UnsupportedOperationException("Jenkins API compile-time surface");
    }

    @Override
    public String getDisplayName() {
        throw new UnsupportedOperationException("Jenkins API compile-time surface");
    }

    @Override
    public String getIconFileName() {
        throw new UnsupportedOperationException("Jenkins API compile-time surface");
    }

    @Override
    public String getUrlName() {
        throw new UnsupportedOperationException("Jenkins API compile-time surface");
    }
}
