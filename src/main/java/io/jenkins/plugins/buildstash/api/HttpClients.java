package io.jenkins.plugins.buildstash.api;

import java.net.http.HttpClient;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/** HTTP clients for API calls and for storage transfers, with or without a proxy. */
public final class HttpClients {

    private HttpClients() {}

    /** For API calls: never follows a redirect, since every call carries the API key. */
    public static HttpClient forApi(ProxySettings proxy, Duration connectTimeout) {
        return builder(proxy, connectTimeout).followRedirects(HttpClient.Redirect.NEVER).build();
    }

    /**
     * For presigned storage URLs, which carry no key: a redirect (S3's 307 for a new bucket) is followed. HTTP/1.1 so
     * that parallel parts travel on separate connections, as object stores expect. One client per setting is shared
     * by every transfer in this JVM (an agent uploads and downloads many files over a build's life): its connections
     * to storage stay open between transfers and its threads are started once. JDK 17's client cannot be closed, so
     * a client per transfer would also leave its selector thread behind until a garbage collection.
     */
    public static HttpClient forStorage(ProxySettings proxy, Duration connectTimeout) {
        StorageClientKey key = new StorageClientKey(proxy, connectTimeout);
        if (STORAGE_CLIENTS.size() > MAX_STORAGE_CLIENTS && !STORAGE_CLIENTS.containsKey(key)) {
            // Settings changed many times (a proxy password, a timeout): the old clients are no longer wanted.
            STORAGE_CLIENTS.clear();
        }
        return STORAGE_CLIENTS.computeIfAbsent(key, k ->
                builder(k.proxy(), k.connectTimeout()).followRedirects(HttpClient.Redirect.NORMAL).build());
    }

    private record StorageClientKey(ProxySettings proxy, Duration connectTimeout) {}

    private static final int MAX_STORAGE_CLIENTS = 8;
    private static final Map<StorageClientKey, HttpClient> STORAGE_CLIENTS = new ConcurrentHashMap<>();

    private static HttpClient.Builder builder(ProxySettings proxy, Duration connectTimeout) {
        HttpClient.Builder b = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).connectTimeout(connectTimeout);
        if (proxy != null) {
            b.proxy(proxy.selector());
            if (proxy.authenticator() != null) {
                b.authenticator(proxy.authenticator());
            }
        }
        return b;
    }
}
