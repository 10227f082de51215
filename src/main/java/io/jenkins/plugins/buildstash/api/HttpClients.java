package io.jenkins.plugins.buildstash.api;

import java.net.http.HttpClient;
import java.time.Duration;

/** HTTP clients for API calls and for storage transfers, with or without a proxy. */
public final class HttpClients {

    private HttpClients() {}

    /** For API calls: never follows a redirect, since every call carries the API key. */
    public static HttpClient forApi(ProxySettings proxy, Duration connectTimeout) {
        return builder(proxy, connectTimeout).followRedirects(HttpClient.Redirect.NEVER).build();
    }

    /**
     * For presigned storage URLs, which carry no key: a redirect (S3's 307 for a new bucket) is followed. HTTP/1.1 so
     * that parallel parts travel on separate connections, as object stores expect.
     */
    public static HttpClient forStorage(ProxySettings proxy, Duration connectTimeout) {
        return builder(proxy, connectTimeout).followRedirects(HttpClient.Redirect.NORMAL).build();
    }

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
