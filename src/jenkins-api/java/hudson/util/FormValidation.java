// Compile-only surface of the Jenkins API (see src/jenkins-api/README.md). Never packaged.
package hudson.util;

import java.io.IOException;
import org.kohsuke.stapler.HttpResponse;

public abstract class FormValidation extends IOException implements HttpResponse {
    private FormValidation() {}

    public static FormValidation error(String message) {
        throw new UnsupportedOperationException("Jenkins API compile-time surface");
    }

    public static FormValidation warning(String message) {
        throw new UnsupportedOperationException("Jenkins API compile-time surface");
    }

    public static FormValidation ok(String message) {
        throw new UnsupportedOperationException("Jenkins API compile-time surface");
    }

    public static FormValidation ok() {
        throw new UnsupportedOperationException("Jenkins API compile-time surface");
    }
}
