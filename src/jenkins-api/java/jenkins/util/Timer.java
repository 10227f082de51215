// Compile-only surface of the Jenkins API (see src/jenkins-api/README.md). Never packaged.
package jenkins.util;

import edu.umd.cs.findbugs.annotations.NonNull;
import java.util.concurrent.ScheduledExecutorService;

public class Timer {
    private Timer() {}

    @NonNull
    public static synchronized ScheduledExecutorService get() {
        throw new UnsupportedOperationException("Jenkins API compile-time surface");
    }
}
