package io.jenkins.plugins.buildstash.upload;

import static org.assertj.core.api.Assertions.assertThat;

import io.jenkins.plugins.buildstash.api.ProxyRoute;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.Proxy;
import java.net.ProxySelector;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.SocketAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyStore;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import javax.net.ssl.KeyManagerFactory;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLServerSocket;
import javax.net.ssl.TrustManagerFactory;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The byte-exact PUT on the paths a real storage host takes and the emulator (plain HTTP, no proxy) does not: TLS with
 * host name verification, a proxy's {@code CONNECT} tunnel without credentials, the JVM's own proxy when none is
 * given, and a chunked error answer.
 */
class ByteExactPutTest {

    private static final String DISPOSITION = "attachment; filename=\"jeu-été 游戏🚀.apk\"";

    @TempDir
    static Path keys;

    private static SSLContext server;
    private static SSLContext client;

    /** A self-signed certificate for 127.0.0.1, made by the JDK's keytool, that only the test's client trusts. */
    @BeforeAll
    static void certificate() throws Exception {
        Path store = keys.resolve("storage.p12");
        Process keytool = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "keytool").toString(),
                "-genkeypair", "-alias", "storage", "-keyalg", "EC", "-groupname", "secp256r1", "-validity", "2",
                "-dname", "CN=127.0.0.1", "-ext", "SAN=ip:127.0.0.1", "-keystore", store.toString(),
                "-storetype", "PKCS12", "-storepass", "changeit", "-keypass", "changeit")
                .redirectErrorStream(true).start();
        assertThat(keytool.waitFor(60, TimeUnit.SECONDS)).isTrue();
        assertThat(keytool.exitValue()).as(new String(keytool.getInputStream().readAllBytes())).isZero();
        KeyStore keyStore = KeyStore.getInstance("PKCS12");
        try (InputStream in = Files.newInputStream(store)) {
            keyStore.load(in, "changeit".toCharArray());
        }
        KeyManagerFactory km = KeyManagerFactory.getInstance(KeyManagerFactory.getDefaultAlgorithm());
        km.init(keyStore, "changeit".toCharArray());
        server = SSLContext.getInstance("TLS");
        server.init(km.getKeyManagers(), null, null);
        TrustManagerFactory tm = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
        tm.init(keyStore);
        client = SSLContext.getInstance("TLS");
        client.init(null, tm.getTrustManagers(), null);
    }

    /** What a storage server saw of one request: the head's bytes and the body. */
    record Seen(byte[] head, byte[] body) {}

    /** Serves one request on {@code socket}: reads it all, then answers {@code answer}. */
    private static CompletableFuture<Seen> serveOnce(ServerSocket socket, String answer) {
        return CompletableFuture.supplyAsync(() -> {
            try (Socket s = socket.accept()) {
                InputStream in = s.getInputStream();
                byte[] head = readHead(in);
                String text = new String(head, StandardCharsets.ISO_8859_1);
                int at = text.indexOf("Content-Length: ") + "Content-Length: ".length();
                int length = Integer.parseInt(text.substring(at, text.indexOf("\r\n", at)));
                byte[] body = in.readNBytes(length);
                OutputStream out = s.getOutputStream();
                out.write(answer.getBytes(StandardCharsets.ISO_8859_1));
                out.flush();
                return new Seen(head, body);
            } catch (IOException e) {
                throw new IllegalStateException(e);
            }
        });
    }

    private static byte[] readHead(InputStream in) throws IOException {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        while (!bytes.toString(StandardCharsets.ISO_8859_1).endsWith("\r\n\r\n")) {
            int c = in.read();
            if (c < 0) {
                throw new IOException("closed inside the head");
            }
            bytes.write(c);
        }
        return bytes.toByteArray();
    }

    private static ServerSocket tlsServer() throws IOException {
        return (SSLServerSocket) server.getServerSocketFactory().createServerSocket(0, 5, InetAddress.getLoopbackAddress());
    }

    private static boolean containsUtf8Disposition(byte[] head) {
        String asBytes = new String(head, StandardCharsets.ISO_8859_1);
        return asBytes.contains(new String(("Content-Disposition: " + DISPOSITION + "\r\n").getBytes(StandardCharsets.UTF_8),
                StandardCharsets.ISO_8859_1));
    }

    @Test
    void overTlsTheHeaderGoesOutAsItsUtf8BytesAndTheBodyWhole(@TempDir Path dir) throws Exception {
        Path file = Files.write(dir.resolve("body.bin"), new byte[300_000]);
        try (ServerSocket storage = tlsServer()) {
            CompletableFuture<Seen> seen = serveOnce(storage, "HTTP/1.1 200 OK\r\nETag: \"abc\"\r\nContent-Length: 0\r\n\r\n");

            ByteExactPut.Answer answer = new ByteExactPut(null, Duration.ofSeconds(5), client.getSocketFactory()).put(
                    URI.create("https://127.0.0.1:" + storage.getLocalPort() + "/bucket/key?X-Amz-Signature=s"),
                    Map.of("Content-Disposition", DISPOSITION), file, 0, 300_000, s -> {}, n -> {});

            assertThat(answer.status()).isEqualTo(200);
            assertThat(answer.headers().firstValue("ETag")).contains("\"abc\"");
            Seen request = seen.get(10, TimeUnit.SECONDS);
            assertThat(containsUtf8Disposition(request.head())).isTrue();
            assertThat(new String(request.head(), StandardCharsets.US_ASCII))
                    .startsWith("PUT /bucket/key?X-Amz-Signature=s HTTP/1.1\r\nHost: 127.0.0.1:" + storage.getLocalPort());
            assertThat(request.body()).hasSize(300_000);
        }
    }

    /**
     * The file side runs on agents, which never receive the controller's proxy credentials (issue 13, item 2): the
     * tunnel is opened with the route alone, and nothing proxy-related reaches storage.
     */
    @Test
    void throughAProxyItOpensATunnelWithoutCredentials(@TempDir Path dir) throws Exception {
        Path file = Files.writeString(dir.resolve("body.bin"), "12345");
        try (ServerSocket storage = tlsServer();
                ServerSocket proxy = new ServerSocket(0, 5, InetAddress.getLoopbackAddress())) {
            CompletableFuture<Seen> seen = serveOnce(storage, "HTTP/1.1 200 OK\r\nContent-Length: 0\r\n\r\n");
            CompletableFuture<String> connect = tunnel(proxy, storage.getLocalPort());
            ProxyRoute route = new ProxyRoute("127.0.0.1", proxy.getLocalPort(), List.of());

            ByteExactPut.Answer answer = new ByteExactPut(route, Duration.ofSeconds(5), client.getSocketFactory()).put(
                    URI.create("https://127.0.0.1:" + storage.getLocalPort() + "/bucket/key?sig=1"),
                    Map.of("Content-Disposition", DISPOSITION), file, 0, 5, s -> {}, n -> {});

            assertThat(answer.status()).isEqualTo(200);
            assertThat(connect.get(10, TimeUnit.SECONDS))
                    .startsWith("CONNECT 127.0.0.1:" + storage.getLocalPort() + " HTTP/1.1\r\n")
                    .doesNotContain("Proxy-Authorization");
            Seen request = seen.get(10, TimeUnit.SECONDS);
            assertThat(containsUtf8Disposition(request.head())).isTrue();
            assertThat(new String(request.head(), StandardCharsets.ISO_8859_1)).doesNotContain("Proxy-Authorization");
            assertThat(request.body()).isEqualTo("12345".getBytes(StandardCharsets.US_ASCII));
        }
    }

    /**
     * Without a proxy of its own the transfer takes the JVM's, as the JDK client does for every other PUT: an agent
     * started with {@code -Dhttps.proxyHost} sends a file whose name is outside ASCII through its proxy too.
     */
    @Test
    void withoutARouteItTakesTheJvmsProxyAsTheJdkClientDoes(@TempDir Path dir) throws Exception {
        Path file = Files.writeString(dir.resolve("body.bin"), "12345");
        ProxySelector jvmDefault = ProxySelector.getDefault();
        try (ServerSocket storage = tlsServer();
                ServerSocket proxy = new ServerSocket(0, 5, InetAddress.getLoopbackAddress())) {
            CompletableFuture<Seen> seen = serveOnce(storage, "HTTP/1.1 200 OK\r\nContent-Length: 0\r\n\r\n");
            CompletableFuture<String> connect = tunnel(proxy, storage.getLocalPort());
            List<URI> asked = new CopyOnWriteArrayList<>();
            ProxySelector.setDefault(new ProxySelector() {
                @Override
                public List<Proxy> select(URI uri) {
                    asked.add(uri);
                    return List.of(new Proxy(Proxy.Type.SOCKS, new InetSocketAddress("127.0.0.1", 9)),
                            new Proxy(Proxy.Type.HTTP, new InetSocketAddress("127.0.0.1", proxy.getLocalPort())));
                }

                @Override
                public void connectFailed(URI uri, SocketAddress sa, IOException ioe) {}
            });
            URI url = URI.create("https://127.0.0.1:" + storage.getLocalPort() + "/bucket/key?sig=1");

            ByteExactPut.Answer answer = new ByteExactPut(null, Duration.ofSeconds(5), client.getSocketFactory()).put(
                    url, Map.of("Content-Disposition", DISPOSITION), file, 0, 5, s -> {}, n -> {});

            assertThat(answer.status()).isEqualTo(200);
            assertThat(asked).containsExactly(url);
            assertThat(connect.get(10, TimeUnit.SECONDS))
                    .startsWith("CONNECT 127.0.0.1:" + storage.getLocalPort() + " HTTP/1.1\r\n");
            assertThat(seen.get(10, TimeUnit.SECONDS).body()).isEqualTo("12345".getBytes(StandardCharsets.US_ASCII));
        } finally {
            ProxySelector.setDefault(jvmDefault);
        }
    }

    @Test
    void aChunkedErrorAnswerIsReadWhole(@TempDir Path dir) throws Exception {
        Path file = Files.writeString(dir.resolve("body.bin"), "12345");
        String xml = "<Error><Code>SignatureDoesNotMatch</Code><Message>no</Message></Error>";
        try (ServerSocket storage = new ServerSocket(0, 5, InetAddress.getLoopbackAddress())) {
            serveOnce(storage, "HTTP/1.1 403 Forbidden\r\nTransfer-Encoding: chunked\r\n\r\n"
                    + Integer.toHexString(10) + "\r\n" + xml.substring(0, 10) + "\r\n"
                    + Integer.toHexString(xml.length() - 10) + ";ext=1\r\n" + xml.substring(10) + "\r\n0\r\n\r\n");

            ByteExactPut.Answer answer = new ByteExactPut(null, Duration.ofSeconds(5)).put(
                    URI.create("http://127.0.0.1:" + storage.getLocalPort() + "/k"),
                    Map.of("Content-Disposition", DISPOSITION), file, 0, 5, s -> {}, n -> {});

            assertThat(answer.status()).isEqualTo(403);
            assertThat(answer.body()).isEqualTo(xml);
        }
    }

    /** A proxy that takes one CONNECT, answers 200 and pipes bytes both ways; completes with the CONNECT's head. */
    private static CompletableFuture<String> tunnel(ServerSocket proxy, int targetPort) {
        CompletableFuture<String> head = new CompletableFuture<>();
        Thread thread = new Thread(() -> {
            try (Socket in = proxy.accept(); Socket out = new Socket(Proxy.NO_PROXY)) {
                out.connect(new InetSocketAddress(InetAddress.getLoopbackAddress(), targetPort));
                head.complete(new String(readHead(in.getInputStream()), StandardCharsets.ISO_8859_1));
                in.getOutputStream().write("HTTP/1.1 200 Connection established\r\n\r\n".getBytes(StandardCharsets.US_ASCII));
                Thread back = new Thread(() -> pipe(out, in));
                back.start();
                pipe(in, out);
                back.join();
            } catch (IOException | InterruptedException e) {
                head.completeExceptionally(e);
            }
        }, "test-proxy");
        thread.setDaemon(true);
        thread.start();
        return head;
    }

    private static void pipe(Socket from, Socket to) {
        try {
            from.getInputStream().transferTo(to.getOutputStream());
            to.shutdownOutput();
        } catch (IOException ignored) {
            // one side closed: the exchange is over
        }
    }
}
