// Compile-only surface of the Jenkins API (see src/jenkins-api/README.md). Never packaged.
package hudson.tasks;

import hudson.Launcher;
import hudson.model.AbstractBuild;
import hudson.model.BuildListener;
import java.io.IOException;

/** As in core, each constant has a body implementing the abstract perform method, so the enum class is abstract. */
public enum BuildStepMonitor {
    NONE {
        @Override
        @SuppressWarnings("rawtypes")
        public boolean perform(BuildStep bs, AbstractBuild build, Launcher launcher, BuildListener listener) {
            throw new UnsupportedOperationException("Jenkins API compile-time surface");
        }
    },
    STEP {
        @Override
        @SuppressWarnings("rawtypes")
        public boolean perform(BuildStep bs, AbstractBuild build, Launcher launcher, BuildListener listener) {
            throw new UnsupportedOperationException("Jenkins API compile-time surface");
        }
    },
    BUILD {
        @Override
        @SuppressWarnings("rawtypes")
        public boolean perform(BuildStep bs, AbstractBuild build, Launcher launcher, BuildListener listener) {
            throw new UnsupportedOperationException("Jenkins API compile-time surface");
        }
    };

    @SuppressWarnings("rawtypes")
    public abstract boolean perform(BuildStep bs, AbstractBuild build, Launcher launcher, BuildListener listener)
            throws IOException, InterruptedException;
}
