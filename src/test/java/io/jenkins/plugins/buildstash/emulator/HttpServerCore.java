package io.jenkins.plugins.buildstash.emulator;

import java.io.BufferedOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.SocketException;
import java.net.SocketTimeoutException;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.SynchronousQueue;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A small HTTP/1.1 server on a plain {@link ServerSocket}, bound to 127.0.0.1. One daemon thread per connection
 * (bounded pool), keep-alive, {@code Content-Length} bodies, {@code Expect: 100-continue}. Owning the socket is what
 * lets the emulator reset a connection mid-body (RST), shape bandwidth per connection and delay response headers.
 */
final class HttpServerCore implements AutoCloseable {

    /** Answers one request. It may read the body or leave it: the server drains or closes as HTTP requires. */
    interface Handler {
        Response handle(Request request) throws IOException;
    }

    /** Network shaping applied to every connection: body bandwidth (0 = unlimited) and latency before headers. */
    record Shaping(long bodyBitsPerSecond, Duration latency) {
        static final Shaping NONE = new Shaping(0, Duration.ZERO);
    }

    private static final int MAX_CONNECTIONS = 256;
    private static final int OUTPUT_BUFFER = 64 * 1024;
    /** How long a closing connection keeps reading a body it will not use, so that the client sees our answer. */
    private static final Duration LINGER = Duration.ofSeconds(2);

    private final ServerSocket serverSocket;
    private final Handler handler;
    private final Shaping shaping;
    private final Clock clock;
    private final ThreadPoolExecutor connections;
    private final Set<Socket> openSockets = ConcurrentHashMap.newKeySet();
    private final Thread acceptor;
    private volatile boolean closed;

    HttpServerCore(int port, Handler handler, Shaping shaping, Clock clock) throws IOException {
        this.handler = handler;
        this.shaping = shaping;
        this.clock = clock;
        this.serverSocket = new ServerSocket();
        serverSocket.setReuseAddress(true);
        serverSocket.bind(new InetSocketAddress(InetAddress.getLoopbackAddress(), port), 128);
        AtomicInteger threadNumber = new AtomicInteger();
        this.connections = new ThreadPoolExecutor(
                0, MAX_CONNECTIONS, 30, TimeUnit.SECONDS, new SynchronousQueue<>(), runnable -> {
                    Thread thread = new Thread(runnable, "buildstash-emulator-connection-" + threadNumber.incrementAndGet());
                    thread.setDaemon(true);
                    return thread;
                });
        this.acceptor = new Thread(this::acceptLoop, "buildstash-emulator-acceptor-" + serverSocket.getLocalPort());
        acceptor.setDaemon(true);
        acceptor.start();
    }

    int port() {
        return serverSocket.getLocalPort();
    }

    private void acceptLoop() {
        while (!closed) {
            Socket socket;
            try {
                socket = serverSocket.accept();
            } catch (IOException e) {
                if (closed) {
                    return;
                }
                continue;
            }
            openSockets.add(socket);
            try {
                connections.execute(() -> serve(socket));
            } catch (RejectedExecutionException e) {
                closeQuietly(socket); // too many connections, or shutting down
            }
        }
    }

    private void serve(Socket socket) {
        try (socket) {
            socket.setTcpNoDelay(true);
            HttpInput input = new HttpInput(socket.getInputStream());
            OutputStream output = new BufferedOutputStream(socket.getOutputStream(), OUTPUT_BUFFER);
            while (!closed) {
                if (!serveOne(socket, input, output)) {
                    return;
                }
            }
        } catch (IOException | RuntimeException e) {
            // The client went away or the server is closing: nothing to answer.
        } finally {
            openSockets.remove(socket);
        }
    }

    /** Serves one request; false when the connection must not carry another. */
    private boolean serveOne(Socket socket, HttpInput input, OutputStream output) throws IOException {
        Request request;
        try {
            request = Request.read(input, output);
        } catch (Request.BadRequest e) {
            write(output, Response.of(400, "text/plain", "Bad Request: " + e.getMessage()), true);
            return false;
        }
        if (request == null) {
            return false;
        }
        if (shaping.bodyBitsPerSecond() > 0) {
            request.shapeBody(new TokenBucket(shaping.bodyBitsPerSecond()));
        }
        Response response;
        try {
            response = handler.handle(request);
            if (request.resetArmed()) {
                request.drainBody(); // an armed reset fires at its byte count, or here once the whole body is in
                throw new Request.ConnectionResetFault();
            }
        } catch (Request.ConnectionResetFault e) {
            reset(socket);
            return false;
        }
        boolean close = request.wantsClose() || request.isChunked();
        if (!request.bodyFullyRead()) {
            if (request.bodyWithheld()) {
                close = true; // the client never sent the body; the connection cannot be reused
            } else if (!close) {
                request.drainBody();
            }
        }
        pause(shaping.latency().plus(response.headerDelay()));
        write(output, response, close);
        if (close) {
            lingeringClose(socket);
            return false;
        }
        return true;
    }

    private void write(OutputStream output, Response response, boolean close) throws IOException {
        long length = response.bytesToSend();
        StringBuilder head = new StringBuilder(256)
                .append("HTTP/1.1 ")
                .append(response.status())
                .append(' ')
                .append(Response.reasonPhrase(response.status()))
                .append("\r\n");
        head.append("Date: ").append(HttpDates.format(clock.instant())).append("\r\n");
        head.append("Server: buildstash-emulator\r\n");
        for (Map.Entry<String, String> header : response.headers().entrySet()) {
            head.append(header.getKey()).append(": ").append(header.getValue()).append("\r\n");
        }
        head.append("Content-Length: ").append(length).append("\r\n");
        if (close) {
            head.append("Connection: close\r\n");
        }
        head.append("\r\n");
        output.write(head.toString().getBytes(StandardCharsets.ISO_8859_1));
        response.body().writeTo(output, length);
        output.flush();
    }

    /** Sends a TCP reset rather than a FIN: SO_LINGER 0, then close. */
    private static void reset(Socket socket) {
        try {
            socket.setSoLinger(true, 0);
        } catch (SocketException e) {
            // already gone
        }
        closeQuietly(socket);
    }

    /**
     * Half-closes, then reads and discards what the client is still sending for a while, so that the client reads our
     * answer instead of meeting a reset caused by unread data (what Apache calls a lingering close).
     */
    private static void lingeringClose(Socket socket) {
        try {
            socket.shutdownOutput();
            long deadline = System.nanoTime() + LINGER.toNanos();
            socket.setSoTimeout((int) LINGER.toMillis());
            InputStream in = socket.getInputStream();
            byte[] scratch = new byte[64 * 1024];
            while (System.nanoTime() < deadline && in.read(scratch) >= 0) {
                // discard
            }
        } catch (SocketTimeoutException e) {
            // the client kept the connection open: close it anyway
        } catch (IOException e) {
            // already closed by the client
        }
        closeQuietly(socket);
    }

    private static void pause(Duration delay) throws IOException {
        if (delay.isZero() || delay.isNegative()) {
            return;
        }
        try {
            Thread.sleep(delay.toMillis(), (int) (delay.toNanos() % 1_000_000));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new java.io.InterruptedIOException("interrupted while delaying a response");
        }
    }

    private static void closeQuietly(Socket socket) {
        try {
            socket.close();
        } catch (IOException e) {
            // nothing left to do
        }
    }

    /** Stops accepting, closes every open connection and waits until no server thread is left running. */
    @Override
    public void close() {
        if (closed) {
            return;
        }
        closed = true;
        try {
            serverSocket.close();
        } catch (IOException e) {
            // closing anyway
        }
        openSockets.forEach(HttpServerCore::closeQuietly);
        connections.shutdownNow();
        try {
            acceptor.join(TimeUnit.SECONDS.toMillis(5));
            if (!connections.awaitTermination(5, TimeUnit.SECONDS)) {
                throw new IllegalStateException("emulator connection threads did not stop within 5 s");
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
