// Compile-only surface of the Jenkins API (see src/jenkins-api/README.md). Never packaged.
package hudson.model;

import edu.umd.cs.findbugs.annotations.NonNull;
import jenkins.model.Loadable;
import jenkins.util.io.OnMaster;
import net.sf.json.JSONObject;
import org.kohsuke.stapler.HttpResponse;
import org.kohsuke.stapler.StaplerRequest2;

public abstract class Descriptor<T extends Describable<T>> implements Loadable, Saveable, OnMaster {
    protected Descriptor(Class<? extends T> clazz) {}

    protected Descriptor() {}

    @NonNull
    public String getDisplayName() {
        throw new UnsupportedOperationException("Jenkins API compile-time surface");
    }

    public String getId() {
        throw new UnsupportedOperationException("Jenkins API compile-time surface");
    }

    public boolean configure(StaplerRequest2 req, JSONObject json) throws FormException {
        throw new UnsupportedOperationException("Jenkins API compile-time surface");
    }

    @Override
    public synchronized void save() {
        throw new UnsupportedOperationException("Jenkins API compile-time surface");
    }

    @Override
    public synchronized void load() {
        throw new UnsupportedOperationException("Jenkins API compile-time surface");
    }

    public static final class FormException extends Exception implements HttpResponse {
        public FormException(String message, String formField) {}

        public FormException(String message, Throwable cause, String formField) {}

        public FormException(Throwable cause, String formField) {}

        public String getFormField() {
            throw new UnsupportedOperationException("Jenkins API compile-time surface");
        }
    }
}
