// Compile-only surface of the Jenkins API (see src/jenkins-api/README.md). Never packaged.
package jenkins.model;

import edu.umd.cs.findbugs.annotations.NonNull;
import hudson.ExtensionPoint;
import hudson.model.Action;
import java.util.Collection;

public abstract class TransientActionFactory<T> implements ExtensionPoint {
    public abstract Class<T> type();

    public Class<? extends Action> actionType() {
        throw new UnsupportedOperationException("Jenkins API compile-time surface");
    }

    public abstract @NonNull Collection<? extends Action> createFor(@NonNull T target);
}
