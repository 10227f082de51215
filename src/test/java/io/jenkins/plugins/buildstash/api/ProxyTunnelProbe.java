package io.jenkins.plugins.buildstash.api;

import java.util.List;

/**
 * One API call through an authenticating proxy, in a JVM of its own: Java reads
 * {@code jdk.http.auth.tunneling.disabledSchemes} once per JVM, so {@link ProxyAuthenticationTest} starts this with and
 * without it. Prints {@code OK <workspace>} or {@code FAILED <message>}.
 *
 * <p>Arguments: base URL, API key, proxy port, proxy user, proxy password.
 */
public final class ProxyTunnelProbe {

    public static void main(String[] args) throws Exception {
        BuildstashClient client = BuildstashClient.builder(ApiKey.of(args[1]))
                .baseUrl(args[0])
                .proxy(ProxySettings.of("127.0.0.1", Integer.parseInt(args[2]), List.of(), args[3], args[4]))
                .retryPolicy(RetryPolicy.standard())
                .build();
        try {
            System.out.println("OK " + client.getWorkspace().name());
        } catch (BuildstashException e) {
            System.out.println("FAILED " + e.getMessage());
        }
        System.exit(0);
    }
}
