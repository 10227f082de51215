package io.jenkins.plugins.buildstash.api;

import java.net.http.HttpClient;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * HTTP clients for API calls and for storage transfers, one per setting and JVM, shared by every run, connection test
 * and transfer: connections stay open between calls and each client's selector thread is started once. JDK 17's
 * client cannot be closed, so a client per use would also leave its selector thread behind until a garbage collection.
 * The settings that key them hold no secret: proxy credentials travel in a header of each API request
 * ({@link ProxySettings}), not in the client.
 */
public final class HttpClients {

    private static final int MAX_CLIENTS = 8;
    private static final Map<ClientKey, HttpClient> CLIENTS = new ConcurrentHashMap<>();

    private HttpClients() {}

    /**
     * For API calls: never follows a redirect, since every call carries the API key.
     *
     * @param proxy the proxy to use, or null for this JVM's own proxy settings ({@link java.net.ProxySelector#getDefault})
     */
    public static HttpClient forApi(ProxyRoute proxy, Duration connectTimeout) {
        return shared(new ClientKey(proxy, connectTimeout, HttpClient.Redirect.NEVER));
    }

    /**
     * For presigned storage URLs, which carry no key: a redirect (S3's 307 for a new bucket) is followed. HTTP/1.1 so
     * that parallel parts travel on separate connections, as object stores expect.
     *
     * @param proxy the proxy to use, or null for this JVM's own proxy settings (on an agent: the agent's)
     */
    public static HttpClient forStorage(ProxyRoute proxy, Duration connectTimeout) {
        return shared(new ClientKey(proxy, connectTimeout, HttpClient.Redirect.NORMAL));
    }

    private static HttpClient shared(ClientKey key) {
        if (CLIENTS.size() >= MAX_CLIENTS && !CLIENTS.containsKey(key)) {
            // Settings changed many times (a proxy, a timeout): the old clients are no longer wanted.
            CLIENTS.clear();
        }
        return CLIENTS.computeIfAbsent(key, HttpClients::build);
    }

    private static HttpClient build(ClientKey key) {
        HttpClient.Builder b = HttpClient.newBuilder()
                .version(HttpClient.Version.HTTP_1_1)
                .connectTimeout(key.connectTimeout())
                .followRedirects(key.redirect());
        if (key.proxy() != null) {
            b.proxy(key.proxy().selector());
        }
        return b.build();
    }

    private record ClientKey(ProxyRoute proxy, Duration connectTimeout, HttpClient.Redirect redirect) {}
}
