// Compile-only surface of the Jenkins API (see src/jenkins-api/README.md). Never packaged.
package hudson;

import edu.umd.cs.findbugs.annotations.CheckForNull;

public class Util {
    @CheckForNull
    public static String fixEmptyAndTrim(@CheckForNull String s) {
        throw new UnsupportedOperationException("Jenkins API compile-time surface");
    }
}
