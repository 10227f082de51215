package io.jenkins.plugins.buildstash.api;

import java.io.IOException;
import java.io.Serializable;
import java.net.InetSocketAddress;
import java.net.Proxy;
import java.net.ProxySelector;
import java.net.SocketAddress;
import java.net.URI;
import java.util.List;
import java.util.Locale;
import java.util.regex.Pattern;

/**
 * Where an HTTP proxy is and which hosts bypass it: no credentials, so it may travel to an agent and key a shared
 * client. {@code noProxyHosts} are patterns with {@code *} wildcards, as Jenkins takes them.
 */
public record ProxyRoute(String host, int port, List<String> noProxyHosts) implements Serializable {

    private static final long serialVersionUID = 1L;

    public ProxyRoute {
        noProxyHosts = noProxyHosts == null ? List.of() : List.copyOf(noProxyHosts);
    }

    /** Whether a request to {@code uri} goes through the proxy (false for the bypassed hosts). */
    public boolean appliesTo(URI uri) {
        String h = uri.getHost() == null ? "" : uri.getHost().toLowerCase(Locale.ROOT);
        return bypass().stream().noneMatch(p -> p.matcher(h).matches());
    }

    /** The proxy to use for {@code uri}, or {@link Proxy#NO_PROXY} when the host is one to reach directly. */
    public Proxy proxyFor(URI uri) {
        return selector().select(uri).get(0);
    }

    ProxySelector selector() {
        Proxy proxy = new Proxy(Proxy.Type.HTTP, InetSocketAddress.createUnresolved(host, port));
        return new ProxySelector() {
            @Override
            public List<Proxy> select(URI uri) {
                return appliesTo(uri) ? List.of(proxy) : List.of(Proxy.NO_PROXY);
            }

            @Override
            public void connectFailed(URI uri, SocketAddress sa, IOException ioe) {
                // The client reports the failure itself.
            }
        };
    }

    private List<Pattern> bypass() {
        return noProxyHosts.stream()
                .map(String::trim)
                .filter(p -> !p.isEmpty())
                .map(p -> Pattern.compile(Pattern.quote(p.toLowerCase(Locale.ROOT)).replace("*", "\\E.*\\Q")))
                .toList();
    }
}
