// Compile-only surface of the Jenkins API (see src/jenkins-api/README.md). Never packaged.
package hudson.model;

import edu.umd.cs.findbugs.annotations.NonNull;
import java.io.IOException;
import java.io.PrintStream;
import java.io.PrintWriter;
import org.jenkinsci.remoting.SerializableOnlyOverRemoting;

public interface TaskListener extends SerializableOnlyOverRemoting {
    @NonNull
    PrintStream getLogger();

    default void hyperlink(String url, String text) throws IOException {
        throw new UnsupportedOperationException("Jenkins API compile-time surface");
    }

    @NonNull
    default PrintWriter error(String msg) {
        throw new UnsupportedOperationException("Jenkins API compile-time surface");
    }
}
