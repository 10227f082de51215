package io.jenkins.plugins.buildstash.testing;

import java.io.ByteArrayOutputStream;
import java.io.Closeable;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * An HTTP proxy on 127.0.0.1 that demands Basic credentials, as a corporate proxy does: every request without the right
 * {@code Proxy-Authorization} gets a 407. It forwards plain requests (absolute-form, one per connection) and opens
 * {@code CONNECT} tunnels, and records what each request carried, so tests can check what reached the proxy.
 */
public final class AuthenticatingProxy implements Closeable {

    /** One request the proxy received: method, target and headers (names lower-cased). */
    public record Seen(String method, String target, Map<String, String> headers, boolean admitted) {}

    private final ServerSocket server;
    private final String expected;
    private final List<Seen> seen = new CopyOnWriteArrayList<>();
    private final List<Socket> open = new CopyOnWriteArrayList<>();

    private AuthenticatingProxy(String user, String password) throws IOException {
        this.expected = "Basic " + Base64.getEncoder().encodeToString((user + ":" + password).getBytes(StandardCharsets.UTF_8));
        this.server = new ServerSocket(0, 50, InetAddress.getLoopbackAddress());
        Thread accept = new Thread(this::acceptLoop, "authenticating-proxy-accept");
        accept.setDaemon(true);
        accept.start();
    }

    public static AuthenticatingProxy start(String user, String password) throws IOException {
        return new AuthenticatingProxy(user, password);
    }

    public int port() {
        return server.getLocalPort();
    }

    public List<Seen> seen() {
        return List.copyOf(seen);
    }

    private void acceptLoop() {
        while (!server.isClosed()) {
            try {
                Socket client = server.accept();
                open.add(client);
                Thread t = new Thread(() -> serve(client), "authenticating-proxy-conn");
                t.setDaemon(true);
                t.start();
            } catch (IOException e) {
                return; // closed
            }
        }
    }

    private void serve(Socket client) {
        try (client) {
            InputStream in = client.getInputStream();
            OutputStream out = client.getOutputStream();
            while (true) {
                List<String> head = readHead(in);
                if (head == null || head.isEmpty()) {
                    return;
                }
                String[] requestLine = head.get(0).split(" ");
                Map<String, String> headers = headers(head);
                boolean admitted = expected.equals(headers.get("proxy-authorization"));
                seen.add(new Seen(requestLine[0], requestLine[1], headers, admitted));
                if (!admitted) {
                    skipBody(in, headers);
                    out.write(("HTTP/1.1 407 Proxy Authentication Required\r\nProxy-Authenticate: Basic realm=\"test\"\r\n"
                            + "Content-Length: 0\r\n\r\n").getBytes(StandardCharsets.ISO_8859_1));
                    out.flush();
                    continue; // the client may answer the challenge on this connection
                }
                if (requestLine[0].equals("CONNECT")) {
                    tunnel(client, in, out, requestLine[1]);
                } else {
                    forward(in, out, requestLine, head, headers);
                }
                return;
            }
        } catch (IOException e) {
            // The client or the origin went away: nothing to report.
        }
    }

    private void tunnel(Socket client, InputStream in, OutputStream out, String authority) throws IOException {
        int colon = authority.lastIndexOf(':');
        try (Socket origin = new Socket(authority.substring(0, colon), Integer.parseInt(authority.substring(colon + 1)))) {
            open.add(origin);
            out.write("HTTP/1.1 200 Connection established\r\n\r\n".getBytes(StandardCharsets.ISO_8859_1));
            out.flush();
            Thread up = pipe(in, origin.getOutputStream());
            origin.getInputStream().transferTo(out);
            client.shutdownOutput();
            try {
                up.join(5000);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
    }

    /** One request to the origin, sent with {@code Connection: close}; the answer goes back with it too. */
    private void forward(InputStream in, OutputStream out, String[] requestLine, List<String> head, Map<String, String> headers)
            throws IOException {
        URI target = URI.create(requestLine[1]);
        try (Socket origin = new Socket(target.getHost(), target.getPort())) {
            open.add(origin);
            OutputStream o = origin.getOutputStream();
            StringBuilder s = new StringBuilder(requestLine[0]).append(' ').append(target.getRawPath())
                    .append(target.getRawQuery() == null ? "" : "?" + target.getRawQuery()).append(' ').append(requestLine[2])
                    .append("\r\n");
            for (String line : head.subList(1, head.size())) {
                String name = line.substring(0, line.indexOf(':')).trim().toLowerCase(Locale.ROOT);
                if (!name.startsWith("proxy-") && !name.equals("connection")) {
                    s.append(line).append("\r\n");
                }
            }
            s.append("Connection: close\r\n\r\n");
            o.write(s.toString().getBytes(StandardCharsets.ISO_8859_1));
            long length = Long.parseLong(headers.getOrDefault("content-length", "0"));
            copy(in, o, length);
            o.flush();
            InputStream answer = origin.getInputStream();
            List<String> responseHead = readHead(answer);
            if (responseHead == null) {
                return;
            }
            StringBuilder r = new StringBuilder();
            for (String line : responseHead) {
                if (!line.toLowerCase(Locale.ROOT).startsWith("connection:")) {
                    r.append(line).append("\r\n");
                }
            }
            r.append("Connection: close\r\n\r\n");
            out.write(r.toString().getBytes(StandardCharsets.ISO_8859_1));
            answer.transferTo(out);
            out.flush();
        }
    }

    private static Thread pipe(InputStream from, OutputStream to) {
        Thread t = new Thread(() -> {
            try {
                from.transferTo(to);
            } catch (IOException e) {
                // closed
            }
        }, "authenticating-proxy-pipe");
        t.setDaemon(true);
        t.start();
        return t;
    }

    private static void skipBody(InputStream in, Map<String, String> headers) throws IOException {
        copy(in, OutputStream.nullOutputStream(), Long.parseLong(headers.getOrDefault("content-length", "0")));
    }

    private static void copy(InputStream in, OutputStream out, long length) throws IOException {
        byte[] buffer = new byte[8192];
        long left = length;
        while (left > 0) {
            int n = in.read(buffer, 0, (int) Math.min(buffer.length, left));
            if (n < 0) {
                throw new IOException("the body ended early");
            }
            out.write(buffer, 0, n);
            left -= n;
        }
    }

    /** The request or status line and the header lines, or null at the end of the stream. */
    private static List<String> readHead(InputStream in) throws IOException {
        List<String> lines = new ArrayList<>();
        ByteArrayOutputStream line = new ByteArrayOutputStream();
        int b;
        while ((b = in.read()) >= 0) {
            if (b == '\n') {
                String text = line.toString(StandardCharsets.ISO_8859_1).replaceFirst("\r$", "");
                line.reset();
                if (text.isEmpty()) {
                    return lines;
                }
                lines.add(text);
            } else {
                line.write(b);
            }
        }
        return lines.isEmpty() ? null : lines;
    }

    private static Map<String, String> headers(List<String> head) {
        Map<String, String> headers = new TreeMap<>();
        for (String line : head.subList(1, head.size())) {
            int colon = line.indexOf(':');
            if (colon > 0) {
                headers.put(line.substring(0, colon).trim().toLowerCase(Locale.ROOT), line.substring(colon + 1).trim());
            }
        }
        return headers;
    }

    @Override
    public void close() throws IOException {
        server.close();
        for (Socket s : open) {
            s.close();
        }
    }

    /** Where the proxy listens, for a {@link java.net.ProxySelector}. */
    public InetSocketAddress address() {
        return new InetSocketAddress(InetAddress.getLoopbackAddress(), port());
    }
}
