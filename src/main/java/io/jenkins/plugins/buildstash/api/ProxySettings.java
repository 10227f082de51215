package io.jenkins.plugins.buildstash.api;

import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.List;

/**
 * The controller's HTTP proxy with its credentials, for API calls. Deliberately not {@link java.io.Serializable}: the
 * password never travels to an agent (agents get at most the {@link ProxyRoute}).
 *
 * <p>The credentials go in a {@code Proxy-Authorization} header the client adds itself, never through an
 * {@link java.net.Authenticator}: on Java 17 and 21 a client with an authenticator drops the {@code Authorization}
 * header it was given (JDK-8326949), so every API call would be refused as a bad key.
 */
public record ProxySettings(ProxyRoute route, String username, String password) {

    public static ProxySettings of(String host, int port, List<String> noProxyHosts, String username, String password) {
        return new ProxySettings(new ProxyRoute(host, port, noProxyHosts), username, password);
    }

    /** The {@code Proxy-Authorization} value (Basic), or null without a user. */
    String proxyAuthorization() {
        if (username == null || username.isEmpty()) {
            return null;
        }
        String pair = username + ":" + (password == null ? "" : password);
        return "Basic " + Base64.getEncoder().encodeToString(pair.getBytes(StandardCharsets.UTF_8));
    }

    @Override
    public String toString() {
        return "ProxySettings[" + route.host() + ":" + route.port() + ", noProxy=" + route.noProxyHosts()
                + (username == null ? "" : ", user=" + username + ", password=****") + "]";
    }
}
