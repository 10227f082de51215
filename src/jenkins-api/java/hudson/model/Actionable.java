// Compile-only surface of the Jenkins API (see src/jenkins-api/README.md). Never packaged.
package hudson.model;

import edu.umd.cs.findbugs.annotations.NonNull;
import java.util.List;

/** The real class extends AbstractModelObject and implements ModelObjectWithContextMenu; nothing here uses either. */
public abstract class Actionable {
    public void addAction(@NonNull Action a) {
        throw new UnsupportedOperationException("Jenkins API compile-time surface");
    }

    public boolean addOrReplaceAction(@NonNull Action a) {
        throw new UnsupportedOperationException("Jenkins API compile-time surface");
    }

    public <T extends Action> T getAction(Class<T> type) {
        throw new UnsupportedOperationException("Jenkins API compile-time surface");
    }

    @NonNull
    public <T extends Action> List<T> getActions(Class<T> type) {
        throw new UnsupportedOperationException("Jenkins API compile-time surface");
    }
}
