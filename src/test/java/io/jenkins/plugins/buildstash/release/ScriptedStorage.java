package io.jenkins.plugins.buildstash.release;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A storage host that answers each GET as the test scripts it, down to the byte: for what the emulator cannot do,
 * such as a body that stops half way and never ends. Records each request's headers.
 */
final class ScriptedStorage implements AutoCloseable {

    /** What to send on the {@code n}-th connection (from 1). */
    @FunctionalInterface
    interface Script {
        void answer(int n, OutputStream out) throws IOException, InterruptedException;
    }

    private final ServerSocket server;
    private final ExecutorService threads = Executors.newCachedThreadPool(r -> {
        Thread t = new Thread(r, "scripted-storage");
        t.setDaemon(true);
        return t;
    });
    private final List<Map<String, String>> requests = new CopyOnWriteArrayList<>();
    private final List<Socket> open = new CopyOnWriteArrayList<>();
    private final AtomicInteger connections = new AtomicInteger();

    ScriptedStorage(Script script) throws IOException {
        server = new ServerSocket(0, 50, InetAddress.getLoopbackAddress());
        threads.execute(() -> {
            while (!server.isClosed()) {
                try {
                    Socket socket = server.accept();
                    open.add(socket);
                    int n = connections.incrementAndGet();
                    threads.execute(() -> serve(socket, n, script));
                } catch (IOException e) {
                    return;
                }
            }
        });
    }

    private void serve(Socket socket, int n, Script script) {
        try (socket) {
            requests.add(readHeaders(socket.getInputStream()));
            OutputStream out = socket.getOutputStream();
            script.answer(n, out);
            out.flush();
        } catch (IOException | InterruptedException e) {
            // The client went away: that is what several tests make it do.
        }
    }

    private static Map<String, String> readHeaders(InputStream in) throws IOException {
        ByteArrayOutputStream head = new ByteArrayOutputStream();
        int matched = 0;
        while (matched < 4) {
            int b = in.read();
            if (b < 0) {
                break;
            }
            head.write(b);
            matched = (b == "\r\n\r\n".charAt(matched)) ? matched + 1 : (b == '\r' ? 1 : 0);
        }
        Map<String, String> headers = new TreeMap<>(String.CASE_INSENSITIVE_ORDER);
        String[] lines = head.toString(StandardCharsets.ISO_8859_1).split("\r\n");
        headers.put(":request", lines[0]);
        for (int i = 1; i < lines.length; i++) {
            int colon = lines[i].indexOf(':');
            if (colon > 0) {
                headers.put(lines[i].substring(0, colon).trim().toLowerCase(Locale.ROOT), lines[i].substring(colon + 1).trim());
            }
        }
        return headers;
    }

    String url(String name) {
        return "http://127.0.0.1:" + server.getLocalPort() + "/bucket/" + name + "?X-Amz-Signature=secret-signature";
    }

    List<Map<String, String>> requests() {
        return requests;
    }

    int connections() {
        return connections.get();
    }

    @Override
    public void close() throws IOException, InterruptedException {
        server.close();
        for (Socket s : open) {
            s.close();
        }
        threads.shutdownNow();
        threads.awaitTermination(10, TimeUnit.SECONDS);
    }

    // --- answers ---

    static void ok(OutputStream out, byte[] body) throws IOException {
        out.write(("HTTP/1.1 200 OK\r\nContent-Length: " + body.length + "\r\nContent-Type: application/octet-stream\r\n"
                + "Connection: close\r\n\r\n").getBytes(StandardCharsets.ISO_8859_1));
        out.write(body);
    }

    /** Headers announcing the whole body, the first {@code sent} bytes, then nothing until the client gives up. */
    static void stallAfter(OutputStream out, byte[] body, int sent) throws IOException, InterruptedException {
        out.write(("HTTP/1.1 200 OK\r\nContent-Length: " + body.length + "\r\nConnection: close\r\n\r\n")
                .getBytes(StandardCharsets.ISO_8859_1));
        out.write(body, 0, sent);
        out.flush();
        Thread.sleep(Long.MAX_VALUE);
    }

    /** Headers announcing the whole body, the first {@code sent} bytes, then the connection closes. */
    static void cutAfter(OutputStream out, byte[] body, int sent) throws IOException {
        out.write(("HTTP/1.1 200 OK\r\nContent-Length: " + body.length + "\r\nConnection: close\r\n\r\n")
                .getBytes(StandardCharsets.ISO_8859_1));
        out.write(body, 0, sent);
    }

    /** A body without a length, ending when the connection closes. */
    static void unannounced(OutputStream out, byte[] body) throws IOException {
        out.write("HTTP/1.1 200 OK\r\nConnection: close\r\n\r\n".getBytes(StandardCharsets.ISO_8859_1));
        out.write(body);
    }

    static void status(OutputStream out, int status, String xml) throws IOException {
        byte[] body = xml.getBytes(StandardCharsets.UTF_8);
        out.write(("HTTP/1.1 " + status + " Refused\r\nContent-Type: application/xml\r\nContent-Length: " + body.length
                + "\r\nConnection: close\r\n\r\n").getBytes(StandardCharsets.ISO_8859_1));
        out.write(body);
    }
}
