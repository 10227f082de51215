package io.jenkins.plugins.buildstash.api;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;

import com.sun.net.httpserver.HttpServer;
import io.jenkins.plugins.buildstash.testing.ApiFixture;
import io.jenkins.plugins.buildstash.testing.AuthenticatingProxy;
import io.jenkins.plugins.buildstash.testing.TlsFront;
import java.net.Authenticator;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.PasswordAuthentication;
import java.net.ProxySelector;
import java.net.http.HttpClient;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * API calls through a proxy that demands credentials (issue 13, item 1), on a loopback proxy in front of the emulator.
 * The key's {@code Authorization} header must reach Buildstash and the proxy's {@code Proxy-Authorization} the proxy.
 */
class ProxyAuthenticationTest {

    private static final String USER = "builder";
    private static final String PASSWORD = "proxy-s3cret";

    @TempDir
    Path temp;

    @Test
    void apiCallsPassAnHttpProxyThatDemandsCredentials() throws Exception {
        try (ApiFixture api = ApiFixture.start(); AuthenticatingProxy proxy = AuthenticatingProxy.start(USER, PASSWORD)) {
            BuildstashClient client = api.builder(api.seed.applicationKey())
                    .proxy(ProxySettings.of("127.0.0.1", proxy.port(), List.of(), USER, PASSWORD))
                    .build();

            KeyDescription key = client.classifyKey();

            assertThat(key.kind()).isEqualTo(KeyDescription.Kind.APPLICATION);
            assertThat(proxy.seen()).hasSize(2).allSatisfy(seen -> {
                assertThat(seen.admitted()).isTrue();
                assertThat(seen.headers()).containsKey("authorization");
            });
            assertThat(api.emulator.requestCounts()).containsEntry("listApplications", 1L).containsEntry("listWorkspaceLabels", 1L);
        }
    }

    /** Why the plugin does not use core's client builder: with an authenticator, the JDK drops the key's header. */
    @Test
    void aClientWithAProxyAuthenticatorLosesTheKeyOnJava17() throws Exception {
        try (ApiFixture api = ApiFixture.start(); AuthenticatingProxy proxy = AuthenticatingProxy.start(USER, PASSWORD)) {
            HttpClient likeCore = HttpClient.newBuilder()
                    .proxy(ProxySelector.of(proxy.address()))
                    .authenticator(new Authenticator() {
                        @Override
                        protected PasswordAuthentication getPasswordAuthentication() {
                            return new PasswordAuthentication(USER, PASSWORD.toCharArray());
                        }
                    })
                    .followRedirects(HttpClient.Redirect.NEVER)
                    .build();
            BuildstashClient client = api.builder(api.seed.applicationKey()).httpClient(likeCore).build();

            Throwable e = catchThrowable(client::getWorkspace);

            // Buildstash answered 401 (the JDK then fails the call itself when no WWW-Authenticate came with it).
            assertThat(e).isInstanceOf(BuildstashException.class);
            assertThat(api.emulator.requestLog()).isNotEmpty().allSatisfy(r -> assertThat(r.status()).isEqualTo(401));
            assertThat(proxy.seen()).last().satisfies(seen -> {
                assertThat(seen.admitted()).isTrue();
                assertThat(seen.headers()).doesNotContainKey("authorization");
            });
        }
    }

    @Test
    void aWrongProxyPasswordIsReportedAsTheProxysRefusalNotAsABadKey() throws Exception {
        try (ApiFixture api = ApiFixture.start(); AuthenticatingProxy proxy = AuthenticatingProxy.start(USER, PASSWORD)) {
            BuildstashClient client = api.builder(api.seed.applicationKey())
                    .proxy(ProxySettings.of("127.0.0.1", proxy.port(), List.of(), USER, "wrong"))
                    .build();

            Throwable e = catchThrowable(client::getWorkspace);

            assertThat(e).isInstanceOf(BuildstashException.class)
                    .hasMessageContaining("HTTP proxy asked for credentials (HTTP 407 on GET /workspace)")
                    .hasMessageContaining("refused the user and password")
                    .hasMessageNotContaining("wrong");
            assertThat(api.emulator.requestCounts()).doesNotContainKey("getWorkspace");
        }
    }

    @Test
    void aHostThatBypassesTheProxyNeverReceivesTheProxyPassword() throws Exception {
        List<Map<String, List<String>>> received = new CopyOnWriteArrayList<>();
        HttpServer server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        server.createContext("/", exchange -> {
            received.add(Map.copyOf(exchange.getRequestHeaders()));
            byte[] body = "{\"message\":\"ok\",\"data\":{\"id\":\"w1\",\"name\":\"Studio\",\"subdomain\":\"studio\"}}"
                    .getBytes(StandardCharsets.UTF_8);
            exchange.getResponseHeaders().add("Content-Type", "application/json");
            exchange.sendResponseHeaders(200, body.length);
            exchange.getResponseBody().write(body);
            exchange.close();
        });
        server.start();
        try (AuthenticatingProxy proxy = AuthenticatingProxy.start(USER, PASSWORD)) {
            BuildstashClient client = BuildstashClient.builder(ApiKey.of("bs_test_key"))
                    .baseUrl("http://127.0.0.1:" + server.getAddress().getPort() + "/api/v1")
                    .proxy(ProxySettings.of("127.0.0.1", proxy.port(), List.of("localhost", "127.0.0.*"), USER, PASSWORD))
                    .build();

            assertThat(client.getWorkspace().name()).isEqualTo("Studio");

            assertThat(proxy.seen()).isEmpty();
            assertThat(received).singleElement().satisfies(headers -> {
                assertThat(headers).containsKey("Authorization");
                assertThat(headers.keySet()).noneMatch(name -> name.equalsIgnoreCase("Proxy-Authorization"));
            });
        } finally {
            server.stop(0);
        }
    }

    /**
     * The real Buildstash is https, reached through a CONNECT tunnel. Java sends Basic credentials on a CONNECT only
     * when {@code jdk.http.auth.tunneling.disabledSchemes} allows it (its default, "Basic", does not, for an
     * authenticator as much as for a header); then the header the plugin sets passes, and the key reaches Buildstash
     * inside the tunnel. Without it, the message says which option to set. Each case runs in a JVM of its own, since
     * Java reads the option once.
     */
    @Test
    void httpsCallsPassTheProxyTunnelWhenJavaAllowsBasicOnTunnelsAndSayWhatToSetWhenNot() throws Exception {
        try (ApiFixture api = ApiFixture.start(); AuthenticatingProxy proxy = AuthenticatingProxy.start(USER, PASSWORD);
                TlsFront tls = TlsFront.start(api.emulator.port(), temp)) {
            String httpsBase = "https://127.0.0.1:" + tls.port() + "/api/v1";

            String allowed = probe(tls, httpsBase, api.seed.applicationKey(), proxy.port(),
                    "-Djdk.http.auth.tunneling.disabledSchemes=");
            assertThat(allowed).startsWith("OK ");
            assertThat(proxy.seen()).singleElement().satisfies(seen -> {
                assertThat(seen.method()).isEqualTo("CONNECT");
                assertThat(seen.admitted()).isTrue();
                assertThat(seen.headers()).doesNotContainKey("authorization");
            });
            assertThat(api.emulator.requestCounts()).containsEntry("getWorkspace", 1L);

            String javaDefault = probe(tls, httpsBase, api.seed.applicationKey(), proxy.port(), null);
            assertThat(javaDefault).startsWith("FAILED ")
                    .contains("HTTP 407 on GET /workspace")
                    .contains("-Djdk.http.auth.tunneling.disabledSchemes=");
            assertThat(api.emulator.requestCounts()).containsEntry("getWorkspace", 1L);
        }
    }

    private static String probe(TlsFront tls, String base, String key, int proxyPort, String option) throws Exception {
        List<String> command = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-cp", System.getProperty("java.class.path"),
                "-Djavax.net.ssl.trustStore=" + tls.trustStore(), "-Djavax.net.ssl.trustStoreType=PKCS12",
                "-Djavax.net.ssl.trustStorePassword=" + tls.trustStorePassword()));
        if (option != null) {
            command.add(option);
        }
        command.addAll(List.of(ProxyTunnelProbe.class.getName(), base, key, Integer.toString(proxyPort), USER, PASSWORD));
        Process p = new ProcessBuilder(command).redirectErrorStream(true).start();
        String output = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(p.waitFor()).as(output).isZero();
        return output.lines().filter(l -> l.startsWith("OK ") || l.startsWith("FAILED ")).findFirst().orElse(output);
    }
}
