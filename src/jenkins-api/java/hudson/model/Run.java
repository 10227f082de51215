// Compile-only surface of the Jenkins API (see src/jenkins-api/README.md). Never packaged.
package hudson.model;

import edu.umd.cs.findbugs.annotations.CheckForNull;
import edu.umd.cs.findbugs.annotations.NonNull;
import hudson.EnvVars;
import hudson.ExtensionPoint;
import hudson.security.AccessControlled;
import java.io.IOException;
import jenkins.util.io.OnMaster;

/** The real class also implements PersistenceRoot, DescriptorByNameOwner, StaplerProxy, HistoricalBuild, WithConsoleUrl. */
public abstract class Run<JobT extends Job<JobT, RunT>, RunT extends Run<JobT, RunT>> extends Actionable
        implements ExtensionPoint, Comparable<RunT>, AccessControlled, OnMaster {
    protected Run(@NonNull JobT job) throws IOException {}

    protected Run(@NonNull JobT job, long timestamp) {}

    public @CheckForNull Result getResult() {
        throw new UnsupportedOperationException("Jenkins API compile-time surface");
    }

    public void setResult(@NonNull Result r) {
        throw new UnsupportedOperationException("Jenkins API compile-time surface");
    }

    public boolean isBuilding() {
        throw new UnsupportedOperationException("Jenkins API compile-time surface");
    }

    public @NonNull JobT getParent() {
        throw new UnsupportedOperationException("Jenkins API compile-time surface");
    }

    public final long getStartTimeInMillis() {
        throw new UnsupportedOperationException("Jenkins API compile-time surface");
    }

    public long getDuration() {
        throw new UnsupportedOperationException("Jenkins API compile-time surface");
    }

    public String getFullDisplayName() {
        throw new UnsupportedOperationException("Jenkins API compile-time surface");
    }

    public String getDisplayName() {
        throw new UnsupportedOperationException("Jenkins API compile-time surface");
    }

    public int getNumber() {
        throw new UnsupportedOperationException("Jenkins API compile-time surface");
    }

    public final @CheckForNull RunT getPreviousCompletedBuild() {
        throw new UnsupportedOperationException("Jenkins API compile-time surface");
    }

    public @NonNull String getUrl() {
        throw new UnsupportedOperationException("Jenkins API compile-time surface");
    }

    public @NonNull String getExternalizableId() {
        throw new UnsupportedOperationException("Jenkins API compile-time surface");
    }

    public synchronized void save() throws IOException {
        throw new UnsupportedOperationException("Jenkins API compile-time surface");
    }

    public @NonNull EnvVars getEnvironment(@NonNull TaskListener listener) throws IOException, InterruptedException {
        throw new UnsupportedOperationException("Jenkins API compile-time surface");
    }
}
