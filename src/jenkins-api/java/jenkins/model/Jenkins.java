// Compile-only surface of the Jenkins API (see src/jenkins-api/README.md). Never packaged.
package jenkins.model;

import edu.umd.cs.findbugs.annotations.CheckForNull;
import edu.umd.cs.findbugs.annotations.NonNull;
import hudson.ProxyConfiguration;
import hudson.security.AccessControlled;
import hudson.security.Permission;

/** The real class extends AbstractCIBase; calls through it resolve to the same member references. */
public class Jenkins implements AccessControlled {
    protected Jenkins() {}

    public static final Permission ADMINISTER = null;

    @NonNull
    public static Jenkins get() throws IllegalStateException {
        throw new UnsupportedOperationException("Jenkins API compile-time surface");
    }

    @CheckForNull
    public static Jenkins getInstanceOrNull() {
        throw new UnsupportedOperationException("Jenkins API compile-time surface");
    }

    public ProxyConfiguration getProxy() {
        throw new UnsupportedOperationException("Jenkins API compile-time surface");
    }

    @CheckForNull
    public String getRootUrl() throws IllegalStateException {
        throw new UnsupportedOperationException("Jenkins API compile-time surface");
    }
}
