// Compile-only surface of the Jenkins API (see src/jenkins-api/README.md). Never packaged.
package hudson;

import edu.umd.cs.findbugs.annotations.NonNull;
import java.util.Map;
import java.util.TreeMap;

public class EnvVars extends TreeMap<String, String> {
    public EnvVars() {}

    public EnvVars(@NonNull Map<String, String> m) {}

    /** The real class refuses a null value with an IllegalArgumentException naming the key. */
    @Override
    public String put(String key, String value) {
        throw new UnsupportedOperationException("Jenkins API compile-time surface");
    }

    public void putIfNotNull(String key, String value) {
        throw new UnsupportedOperationException("Jenkins API compile-time surface");
    }

    public String expand(String s) {
        throw new UnsupportedOperationException("Jenkins API compile-time surface");
    }
}
