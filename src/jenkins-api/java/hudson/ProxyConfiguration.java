// Compile-only surface of the Jenkins API (see src/jenkins-api/README.md). Never packaged.
package hudson;

import hudson.model.Describable;
import hudson.model.Saveable;
import hudson.util.Secret;
import java.io.IOException;
import java.io.Serializable;
import java.net.http.HttpClient;

public final class ProxyConfiguration implements Describable<ProxyConfiguration>, Saveable, Serializable {
    private ProxyConfiguration() {
        this.name = null;
        this.port = 0;
    }

    public final String name;
    public final int port;

    public String getUserName() {
        throw new UnsupportedOperationException("Jenkins API compile-time surface");
    }

    public Secret getSecretPassword() {
        throw new UnsupportedOperationException("Jenkins API compile-time surface");
    }

    public String getNoProxyHost() {
        throw new UnsupportedOperationException("Jenkins API compile-time surface");
    }

    public static HttpClient.Builder newHttpClientBuilder() {
        throw new UnsupportedOperationException("Jenkins API compile-time surface");
    }

    @Override
    public void save() throws IOException {
        throw new UnsupportedOperationException("Jenkins API compile-time surface");
    }
}
