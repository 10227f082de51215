// Compile-only surface of the Jenkins API (see src/jenkins-api/README.md). Never packaged.
package jenkins.model;

import edu.umd.cs.findbugs.annotations.CheckForNull;
import edu.umd.cs.findbugs.annotations.NonNull;
import edu.umd.cs.findbugs.annotations.Nullable;
import hudson.ProxyConfiguration;
import hudson.security.AccessControlled;
import hudson.security.Permission;

/**
 * The real class extends AbstractCIBase and also implements DirectlyModifiableTopLevelItemGroup, StaplerProxy,
 * StaplerFallback, ModifiableViewGroup, DescriptorByNameOwner, ModelObjectWithContextMenu, ModelObjectWithChildren,
 * OnMaster and Loadable; nothing here uses them. checkPermission and hasPermission are AccessControlled's defaults.
 */
public class Jenkins implements AccessControlled {
    private Jenkins() {}

    public static final Permission ADMINISTER = null;

    @NonNull
    public static Jenkins get() throws IllegalStateException {
        throw new UnsupportedOperationException("Jenkins API compile-time surface");
    }

    @CheckForNull
    public static Jenkins getInstanceOrNull() {
        throw new UnsupportedOperationException("Jenkins API compile-time surface");
    }

    @CheckForNull
    public ProxyConfiguration getProxy() {
        throw new UnsupportedOperationException("Jenkins API compile-time surface");
    }

    @Nullable
    public String getRootUrl() throws IllegalStateException {
        throw new UnsupportedOperationException("Jenkins API compile-time surface");
    }
}
