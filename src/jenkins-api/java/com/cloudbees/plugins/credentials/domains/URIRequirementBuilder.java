// Compile-only surface of the Jenkins API (see src/jenkins-api/README.md). Never packaged.
package com.cloudbees.plugins.credentials.domains;

import edu.umd.cs.findbugs.annotations.CheckForNull;
import edu.umd.cs.findbugs.annotations.NonNull;
import java.util.List;

public class URIRequirementBuilder {
    private URIRequirementBuilder() {}

    @NonNull
    public static URIRequirementBuilder fromUri(@CheckForNull String uri) {
        throw new UnsupportedOperationException("Jenkins API compile-time surface");
    }

    @NonNull
    public List<DomainRequirement> build() {
        throw new UnsupportedOperationException("Jenkins API compile-time surface");
    }
}
