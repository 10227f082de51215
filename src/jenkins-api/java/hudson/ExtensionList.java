// Compile-only surface of the Jenkins API (see src/jenkins-api/README.md). Never packaged.
package hudson;

import edu.umd.cs.findbugs.annotations.NonNull;
import java.util.AbstractList;
import jenkins.util.io.OnMaster;

public class ExtensionList<T> extends AbstractList<T> implements OnMaster {
    private ExtensionList() {}

    @Override
    public T get(int index) {
        throw new UnsupportedOperationException("Jenkins API compile-time surface");
    }

    @Override
    public int size() {
        throw new UnsupportedOperationException("Jenkins API compile-time surface");
    }

    public static @NonNull <U> U lookupSingleton(Class<U> type) {
        throw new UnsupportedOperationException("Jenkins API compile-time surface");
    }
}
