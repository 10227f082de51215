// Compile-only surface of the Jenkins API (see src/jenkins-api/README.md). Never packaged.
package hudson.model;

import edu.umd.cs.findbugs.annotations.NonNull;
import java.io.Serializable;

/** The real class also implements CustomExportedBean. */
public final class Result implements Serializable {
    private Result() {}

    public static final @NonNull Result SUCCESS = null;
    public static final @NonNull Result UNSTABLE = null;
    public static final @NonNull Result FAILURE = null;
    public static final @NonNull Result NOT_BUILT = null;
    public static final @NonNull Result ABORTED = null;

    public boolean isWorseThan(@NonNull Result that) {
        throw new UnsupportedOperationException("Jenkins API compile-time surface");
    }

    public boolean isBetterOrEqualTo(@NonNull Result that) {
        throw new UnsupportedOperationException("Jenkins API compile-time surface");
    }
}
