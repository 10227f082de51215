// Compile-only surface of the Jenkins API (see src/jenkins-api/README.md). Never packaged.
package com.cloudbees.plugins.credentials;

import hudson.model.ModelObject;
import java.io.Serializable;

/** As in the plugin, each constant has a body implementing the abstract methods, so the enum class is abstract. */
public enum CredentialsScope implements Serializable {
    SYSTEM {
        @Override
        public String getDisplayName() {
            throw new UnsupportedOperationException("Jenkins API compile-time surface");
        }

        @Override
        public boolean isVisible(ModelObject context) {
            throw new UnsupportedOperationException("Jenkins API compile-time surface");
        }
    },
    GLOBAL {
        @Override
        public String getDisplayName() {
            throw new UnsupportedOperationException("Jenkins API compile-time surface");
        }

        @Override
        public boolean isVisible(ModelObject context) {
            throw new UnsupportedOperationException("Jenkins API compile-time surface");
        }
    },
    USER {
        @Override
        public String getDisplayName() {
            throw new UnsupportedOperationException("Jenkins API compile-time surface");
        }

        @Override
        public boolean isVisible(ModelObject context) {
            throw new UnsupportedOperationException("Jenkins API compile-time surface");
        }
    };

    public abstract String getDisplayName();

    public abstract boolean isVisible(ModelObject context);
}
