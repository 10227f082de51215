package io.jenkins.plugins.buildstash.testing;

import java.io.Closeable;
import java.io.IOException;
import java.io.InputStream;
import java.net.InetAddress;
import java.net.Socket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyStore;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import javax.net.ssl.KeyManagerFactory;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLServerSocket;

/**
 * TLS in front of a plain loopback server (the emulator): so that a client reaches it with an {@code https} URL, and
 * through a proxy with a {@code CONNECT} tunnel, as it reaches the real Buildstash. The certificate is made with
 * {@code keytool} for 127.0.0.1; {@link #trustStore()} is the store a client must trust.
 */
public final class TlsFront implements Closeable {

    private static final String PASSWORD = "changeit";

    private final SSLServerSocket server;
    private final Path keyStore;
    private final List<Socket> open = new CopyOnWriteArrayList<>();

    private TlsFront(int backendPort, Path dir) throws Exception {
        keyStore = dir.resolve("tls-front.p12");
        String keytool = Path.of(System.getProperty("java.home"), "bin", "keytool").toString();
        Process p = new ProcessBuilder(keytool, "-genkeypair", "-alias", "front", "-keyalg", "EC", "-groupname", "secp256r1",
                "-dname", "CN=127.0.0.1", "-ext", "SAN=ip:127.0.0.1", "-validity", "2", "-keystore", keyStore.toString(),
                "-storetype", "PKCS12", "-storepass", PASSWORD, "-keypass", PASSWORD)
                .redirectErrorStream(true).start();
        String output = new String(p.getInputStream().readAllBytes());
        if (p.waitFor() != 0) {
            throw new IOException("keytool failed: " + output);
        }
        KeyStore ks = KeyStore.getInstance("PKCS12");
        try (InputStream in = Files.newInputStream(keyStore)) {
            ks.load(in, PASSWORD.toCharArray());
        }
        KeyManagerFactory kmf = KeyManagerFactory.getInstance(KeyManagerFactory.getDefaultAlgorithm());
        kmf.init(ks, PASSWORD.toCharArray());
        SSLContext tls = SSLContext.getInstance("TLS");
        tls.init(kmf.getKeyManagers(), null, null);
        server = (SSLServerSocket) tls.getServerSocketFactory().createServerSocket(0, 50, InetAddress.getLoopbackAddress());
        Thread accept = new Thread(() -> acceptLoop(backendPort), "tls-front-accept");
        accept.setDaemon(true);
        accept.start();
    }

    public static TlsFront start(int backendPort, Path dir) throws Exception {
        return new TlsFront(backendPort, dir);
    }

    public int port() {
        return server.getLocalPort();
    }

    /** A PKCS12 store holding the certificate, password {@value #PASSWORD}. */
    public Path trustStore() {
        return keyStore;
    }

    public String trustStorePassword() {
        return PASSWORD;
    }

    private void acceptLoop(int backendPort) {
        while (!server.isClosed()) {
            try {
                Socket client = server.accept();
                Socket backend = new Socket(InetAddress.getLoopbackAddress(), backendPort);
                open.add(client);
                open.add(backend);
                pipe(client, backend);
                pipe(backend, client);
            } catch (IOException e) {
                return; // closed
            }
        }
    }

    private static void pipe(Socket from, Socket to) {
        Thread t = new Thread(() -> {
            try {
                from.getInputStream().transferTo(to.getOutputStream());
            } catch (IOException e) {
                // one side went away
            } finally {
                try {
                    from.close();
                    to.close();
                } catch (IOException e) {
                    // nothing left to do
                }
            }
        }, "tls-front-pipe");
        t.setDaemon(true);
        t.start();
    }

    @Override
    public void close() throws IOException {
        server.close();
        for (Socket s : open) {
            s.close();
        }
    }
}
