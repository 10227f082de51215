package io.jenkins.plugins.buildstash.api;

import java.net.http.HttpClient;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.SynchronousQueue;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

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
    private static final AtomicInteger WORKER_NUMBERS = new AtomicInteger();

    /**
     * The clients' worker threads, as the JDK's default (a cached pool) but ending 1 s after their last task instead
     * of 60 s: a burst of uploads through a controller leaves no thread behind once it is over. The clients'
     * selector threads, one per client, stay.
     */
    private static final ExecutorService WORKERS = new ThreadPoolExecutor(0, Integer.MAX_VALUE, 1, TimeUnit.SECONDS,
            new SynchronousQueue<>(), worker -> {
                Thread t = new Thread(worker, "buildstash-http-worker-" + WORKER_NUMBERS.incrementAndGet());
                t.setDaemon(true);
                return t;
            });

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
                .followRedirects(key.redirect())
                .executor(WORKERS);
        if (key.proxy() != null) {
            b.proxy(key.proxy().selector());
        }
        return b.build();
    }

    private record ClientKey(ProxyRoute proxy, Duration connectTimeout, HttpClient.Redirect redirect) {}
}
