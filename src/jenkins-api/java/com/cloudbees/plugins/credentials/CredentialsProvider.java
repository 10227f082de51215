// Compile-only surface of the Jenkins API (see src/jenkins-api/README.md). Never packaged.
package com.cloudbees.plugins.credentials;

import com.cloudbees.plugins.credentials.common.IdCredentials;
import com.cloudbees.plugins.credentials.domains.DomainRequirement;
import edu.umd.cs.findbugs.annotations.CheckForNull;
import edu.umd.cs.findbugs.annotations.NonNull;
import edu.umd.cs.findbugs.annotations.Nullable;
import hudson.ExtensionPoint;
import hudson.model.Describable;
import hudson.model.Descriptor;
import hudson.model.Item;
import hudson.model.Run;
import hudson.security.Permission;
import java.util.List;
import org.springframework.security.core.Authentication;

/** The real class also implements IconSpec; nothing here uses it. */
public abstract class CredentialsProvider extends Descriptor<CredentialsProvider>
        implements ExtensionPoint, Describable<CredentialsProvider> {
    public CredentialsProvider() {}

    public static final Permission USE_ITEM = null;
    public static final Permission USE_OWN = null;

    @CheckForNull
    public static <C extends IdCredentials> C findCredentialById(@NonNull String id, @NonNull Class<C> type,
            @NonNull Run<?, ?> run) {
        throw new UnsupportedOperationException("Jenkins API compile-time surface");
    }

    @NonNull
    public static <C extends Credentials> List<C> lookupCredentialsInItem(@NonNull Class<C> type, @Nullable Item item,
            @Nullable Authentication authentication, @Nullable List<DomainRequirement> domainRequirements) {
        throw new UnsupportedOperationException("Jenkins API compile-time surface");
    }

    @SuppressWarnings("rawtypes")
    @CheckForNull
    public static <C extends Credentials> C track(@NonNull Run build, @CheckForNull C credentials) {
        throw new UnsupportedOperationException("Jenkins API compile-time surface");
    }
}
