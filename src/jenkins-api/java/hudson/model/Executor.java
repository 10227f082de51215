// Compile-only surface of the Jenkins API (see src/jenkins-api/README.md). Never packaged.
package hudson.model;

import edu.umd.cs.findbugs.annotations.CheckForNull;

/**
 * The real class also implements ModelObject and IExecutor, which nothing of ours depends on. Its only constructor,
 * {@code Executor(Computer, int)}, is never called by us (rule 9).
 */
public class Executor extends Thread {
    private Executor() {}

    public static @CheckForNull Executor currentExecutor() {
        throw new UnsupportedOperationException("Jenkins API compile-time surface");
    }

    public Result abortResult() {
        throw new UnsupportedOperationException("Jenkins API compile-time surface");
    }

    public void recordCauseOfInterruption(Run<?, ?> build, TaskListener listener) {
        throw new UnsupportedOperationException("Jenkins API compile-time surface");
    }
}
