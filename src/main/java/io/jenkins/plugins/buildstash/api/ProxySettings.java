package io.jenkins.plugins.buildstash.api;

import java.io.IOException;
import java.io.Serializable;
import java.net.Authenticator;
import java.net.InetSocketAddress;
import java.net.PasswordAuthentication;
import java.net.Proxy;
import java.net.ProxySelector;
import java.net.SocketAddress;
import java.net.URI;
import java.util.List;
import java.util.Locale;
import java.util.regex.Pattern;

/**
 * An HTTP proxy, as a value that can travel to an agent: Jenkins applies its proxy only inside the controller JVM, so an
 * agent rebuilds it from this. {@code noProxyHosts} are patterns with {@code *} wildcards, as Jenkins takes them.
 */
public record ProxySettings(String host, int port, List<String> noProxyHosts, String username, String password)
        implements Serializable {

    private static final long serialVersionUID = 1L;

    public ProxySettings {
        noProxyHosts = noProxyHosts == null ? List.of() : List.copyOf(noProxyHosts);
    }

    /** The proxy to use for {@code uri}, or {@link Proxy#NO_PROXY} when the host is one to reach directly. */
    public Proxy proxyFor(URI uri) {
        return selector().select(uri).get(0);
    }

    /** The {@code Proxy-Authorization} value for this proxy, or null when it takes no credentials. */
    public String proxyAuthorization() {
        if (username == null || username.isEmpty()) {
            return null;
        }
        String pair = username + ":" + (password == null ? "" : password);
        return "Basic " + java.util.Base64.getEncoder().encodeToString(pair.getBytes(java.nio.charset.StandardCharsets.UTF_8));
    }

    ProxySelector selector() {
        Proxy proxy = new Proxy(Proxy.Type.HTTP, InetSocketAddress.createUnresolved(host, port));
        List<Pattern> bypass = noProxyHosts.stream()
                .map(String::trim)
                .filter(p -> !p.isEmpty())
                .map(p -> Pattern.compile(Pattern.quote(p.toLowerCase(Locale.ROOT)).replace("*", "\\E.*\\Q")))
                .toList();
        return new ProxySelector() {
            @Override
            public List<Proxy> select(URI uri) {
                String h = uri.getHost() == null ? "" : uri.getHost().toLowerCase(Locale.ROOT);
                return bypass.stream().anyMatch(p -> p.matcher(h).matches()) ? List.of(Proxy.NO_PROXY) : List.of(proxy);
            }

            @Override
            public void connectFailed(URI uri, SocketAddress sa, IOException ioe) {
                // The client reports the failure itself.
            }
        };
    }

    /** Answers only the proxy's own challenge, never a server's. */
    Authenticator authenticator() {
        if (username == null || username.isEmpty()) {
            return null;
        }
        char[] secret = password == null ? new char[0] : password.toCharArray();
        return new Authenticator() {
            @Override
            protected PasswordAuthentication getPasswordAuthentication() {
                return getRequestorType() == RequestorType.PROXY ? new PasswordAuthentication(username, secret) : null;
            }
        };
    }

    @Override
    public String toString() {
        return "ProxySettings[" + host + ":" + port + ", noProxy=" + noProxyHosts
                + (username == null ? "" : ", user=" + username + ", password=****") + "]";
    }
}
