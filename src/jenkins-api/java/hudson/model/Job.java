// Compile-only surface of the Jenkins API (see src/jenkins-api/README.md). Never packaged.
package hudson.model;

import hudson.ExtensionPoint;

/**
 * The real class extends AbstractItem, which declares getName, getFullName, getFullDisplayName, getUrl and
 * getRootDir (declared here instead: calls are compiled against the receiver's type, Job, either way), and also implements
 * StaplerOverridable, ModelObjectWithChildren and HasWidgets; nothing here uses them.
 */
public abstract class Job<JobT extends Job<JobT, RunT>, RunT extends Run<JobT, RunT>> extends Actionable
        implements Item, ExtensionPoint {
    @SuppressWarnings("rawtypes")
    protected Job(ItemGroup parent, String name) {}

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

    public java.io.File getRootDir() {
        throw new UnsupportedOperationException("Jenkins API compile-time surface");
    }

    public RunT getLastBuild() {
        throw new UnsupportedOperationException("Jenkins API compile-time surface");
    }

    public RunT getLastCompletedBuild() {
        throw new UnsupportedOperationException("Jenkins API compile-time surface");
    }
}
