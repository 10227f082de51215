// Compile-only surface of the Jenkins API (see src/jenkins-api/README.md). Never packaged.
package hudson.model;

/** The real class extends AbstractItem and implements more interfaces; nothing here uses them beyond Item. */
public abstract class Job<JobT extends Job<JobT, RunT>, RunT extends Run<JobT, RunT>> extends Actionable implements Item {
    protected Job() {}

    @Override
    public String getName() {
        throw new UnsupportedOperationException("Jenkins API compile-time surface");
    }

    @Override
    public final String getFullName() {
        throw new UnsupportedOperationException("Jenkins API compile-time surface");
    }

    @Override
    public final String getFullDisplayName() {
        throw new UnsupportedOperationException("Jenkins API compile-time surface");
    }

    @Override
    public final String getUrl() {
        throw new UnsupportedOperationException("Jenkins API compile-time surface");
    }

    public RunT getLastBuild() {
        throw new UnsupportedOperationException("Jenkins API compile-time surface");
    }

    public RunT getLastCompletedBuild() {
        throw new UnsupportedOperationException("Jenkins API compile-time surface");
    }
}
