package io.jenkins.plugins.buildstash.upload;

import io.jenkins.plugins.buildstash.api.ProxyRoute;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.Proxy;
import java.net.ProxySelector;
import java.net.Socket;
import java.net.URI;
import java.net.http.HttpHeaders;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.function.Consumer;
import java.util.function.Supplier;
import java.util.function.LongConsumer;
import javax.net.ssl.SSLParameters;
import javax.net.ssl.SSLSocket;
import javax.net.ssl.SSLSocketFactory;

/**
 * One PUT on a connection of its own, whose header values go out as their UTF-8 bytes. It exists for signed headers
 * outside ASCII (a file name in {@code Content-Disposition}): storage signed their UTF-8 bytes, but the JDK 17 client
 * writes header values as US-ASCII, turning {@code é} into {@code ?}, and refuses characters above U+00FF. Nothing
 * else is different from the JDK path: HTTP/1.1, a {@code Content-Length} body read from the file range, the transfer's
 * HTTP proxy (a {@code CONNECT} tunnel for https), TLS with host name verification; one request per connection.
 */
final class ByteExactPut {

    /** What storage answered. */
    record Answer(int status, HttpHeaders headers, String body) {}

    /** Headers this class writes itself. */
    private static final Set<String> WRITTEN_HERE = Set.of("content-length", "host", "connection", "expect",
            "transfer-encoding");
    /** Storage error bodies are a few hundred bytes of XML; more is not read. */
    private static final int MAX_BODY = 64 * 1024;
    private static final int MAX_LINE = 16 * 1024;

    /**
     * Where the proxy is, or null for the JVM's own settings; no credentials: controller proxy passwords never reach
     * the file side.
     */
    private final ProxyRoute proxy;
    private final Duration connectTimeout;
    /**
     * Asked for only when a byte-exact PUT goes to https: making the JVM's default took 145 ms in a fresh JVM here,
     * a cost every first upload on an agent paid, whatever its URL.
     */
    private final Supplier<SSLSocketFactory> tls;

    ByteExactPut(ProxyRoute proxy, Duration connectTimeout) {
        this.proxy = proxy;
        this.connectTimeout = connectTimeout;
        this.tls = () -> (SSLSocketFactory) SSLSocketFactory.getDefault();
    }

    /** @param tls the JVM's default in use; a test's own, to trust its server */
    ByteExactPut(ProxyRoute proxy, Duration connectTimeout, SSLSocketFactory tls) {
        this.proxy = proxy;
        this.connectTimeout = connectTimeout;
        this.tls = () -> tls;
    }

    /**
     * @param opened told of the connection as soon as it exists, so that a watchdog can close it to end the exchange
     * @param onBytes told of body bytes as they are written
     */
    Answer put(URI url, Map<String, String> headers, Path file, long offset, long length, Consumer<Socket> opened,
            LongConsumer onBytes) throws IOException {
        boolean https = "https".equalsIgnoreCase(url.getScheme());
        int port = url.getPort() >= 0 ? url.getPort() : https ? 443 : 80;
        Proxy via = proxy == null ? jvmProxyFor(url) : proxy.proxyFor(url);
        try (Socket socket = connect(url, https, port, via, opened)) {
            OutputStream out = socket.getOutputStream();
            InputStream in = socket.getInputStream();
            String target = via.type() == Proxy.Type.HTTP && !https
                    ? url.getScheme() + "://" + url.getRawAuthority() + requestPath(url)
                    : requestPath(url);
            ByteArrayOutputStream head = new ByteArrayOutputStream();
            ascii(head, "PUT " + target + " HTTP/1.1\r\nHost: " + hostHeader(url, https, port) + "\r\n");
            for (Map.Entry<String, String> header : headers.entrySet()) {
                if (!WRITTEN_HERE.contains(header.getKey().toLowerCase(Locale.ROOT))) {
                    ascii(head, header.getKey() + ": ");
                    head.writeBytes(header.getValue().getBytes(StandardCharsets.UTF_8));
                    ascii(head, "\r\n");
                }
            }
            ascii(head, "Content-Length: " + length + "\r\nConnection: close\r\n\r\n");
            try {
                out.write(head.toByteArray());
                writeBody(out, file, offset, length, onBytes);
                out.flush();
            } catch (IOException writeFailed) {
                // Storage may refuse a request at its headers and close before taking the body, as S3 does with a bad
                // signature: its answer, if one came, says more than the broken pipe.
                try {
                    return readAnswer(in);
                } catch (IOException noAnswer) {
                    writeFailed.addSuppressed(noAnswer);
                    throw writeFailed;
                }
            }
            return readAnswer(in);
        }
    }

    /**
     * The proxy the JDK client takes when it is given none: the JVM's default selector (the {@code https.proxyHost}
     * and {@code http.nonProxyHosts} properties an agent is started with), HTTP proxies only, as that client does.
     */
    private static Proxy jvmProxyFor(URI url) {
        ProxySelector selector = ProxySelector.getDefault();
        if (selector == null) {
            return Proxy.NO_PROXY;
        }
        List<Proxy> proxies = selector.select(url);
        return proxies == null ? Proxy.NO_PROXY : proxies.stream()
                .filter(p -> p.type() == Proxy.Type.HTTP && p.address() instanceof InetSocketAddress)
                .findFirst().orElse(Proxy.NO_PROXY);
    }

    private Socket connect(URI url, boolean https, int port, Proxy via, Consumer<Socket> opened) throws IOException {
        // NO_PROXY: a plain Socket would otherwise ask the JVM's selector for a SOCKS proxy, which the JDK client,
        // on socket channels, never uses; the HTTP proxy, if any, was chosen above.
        Socket socket = new Socket(Proxy.NO_PROXY);
        opened.accept(socket);
        int timeout = (int) Math.min(Integer.MAX_VALUE, connectTimeout.toMillis());
        if (via.type() != Proxy.Type.HTTP) {
            socket.connect(new InetSocketAddress(url.getHost(), port), timeout);
            return https ? tls(socket, url.getHost(), port, opened) : socket;
        }
        InetSocketAddress proxyAddress = (InetSocketAddress) via.address();
        socket.connect(new InetSocketAddress(proxyAddress.getHostString(), proxyAddress.getPort()), timeout);
        if (!https) {
            return socket;
        }
        String authority = url.getHost() + ":" + port;
        StringBuilder connect = new StringBuilder("CONNECT " + authority + " HTTP/1.1\r\nHost: " + authority + "\r\n");
        socket.getOutputStream().write(connect.append("\r\n").toString().getBytes(StandardCharsets.ISO_8859_1));
        InputStream in = socket.getInputStream();
        String status = readLine(in);
        while (!readLine(in).isEmpty()) {
            // the proxy's headers say nothing we need
        }
        if (statusCode(status) / 100 != 2) {
            throw new IOException("the proxy " + proxyAddress.getHostString() + ":" + proxyAddress.getPort()
                    + " refused to open a tunnel to " + authority + ": " + status);
        }
        return tls(socket, url.getHost(), port, opened);
    }

    private Socket tls(Socket plain, String host, int port, Consumer<Socket> opened) throws IOException {
        SSLSocket socket = (SSLSocket) tls.get().createSocket(plain, host, port, true);
        SSLParameters parameters = socket.getSSLParameters();
        parameters.setEndpointIdentificationAlgorithm("HTTPS");
        socket.setSSLParameters(parameters);
        opened.accept(socket);
        socket.startHandshake();
        return socket;
    }

    private static void writeBody(OutputStream out, Path file, long offset, long length, LongConsumer onBytes)
            throws IOException {
        try (FileChannel channel = FileChannel.open(file, StandardOpenOption.READ)) {
            // A heap chunk written whole: the socket (or TLS) stream takes the array in one call. Through
            // Channels.newChannel the same bytes went out in 8 KiB copies, at a fifth of the JDK client's speed.
            ByteBuffer chunk = ByteBuffer.allocate(FileRangePublisher.CHUNK_SIZE);
            long position = offset;
            long end = offset + length;
            while (position < end) {
                chunk.clear().limit((int) Math.min(chunk.capacity(), end - position));
                int n = channel.read(chunk, position);
                if (n < 0) {
                    throw new IOException(file.getFileName() + " is shorter than expected: it changed during the upload"
                            + " (ended at byte " + position + ", expected " + end + ")");
                }
                out.write(chunk.array(), 0, n);
                position += n;
                onBytes.accept(n);
            }
        }
    }

    private static Answer readAnswer(InputStream in) throws IOException {
        String statusLine;
        Map<String, List<String>> headers;
        int status;
        do {
            statusLine = readLine(in);
            status = statusCode(statusLine);
            headers = new TreeMap<>(String.CASE_INSENSITIVE_ORDER);
            for (String line = readLine(in); !line.isEmpty(); line = readLine(in)) {
                int colon = line.indexOf(':');
                if (colon > 0) {
                    headers.computeIfAbsent(line.substring(0, colon).trim(), k -> new ArrayList<>())
                            .add(line.substring(colon + 1).trim());
                }
            }
        } while (status / 100 == 1);
        HttpHeaders answerHeaders = HttpHeaders.of(headers, (name, value) -> true);
        return new Answer(status, answerHeaders, body(in, answerHeaders));
    }

    private static String body(InputStream in, HttpHeaders headers) throws IOException {
        ByteArrayOutputStream body = new ByteArrayOutputStream();
        if (headers.firstValue("Transfer-Encoding").map(v -> v.toLowerCase(Locale.ROOT).contains("chunked")).orElse(false)) {
            for (long size = chunkSize(readLine(in)); size > 0 && body.size() < MAX_BODY; size = chunkSize(readLine(in))) {
                copy(in, body, size);
                readLine(in);
            }
        } else {
            long declared = headers.firstValueAsLong("Content-Length").orElse(Long.MAX_VALUE);
            copy(in, body, declared);
        }
        return body.toString(StandardCharsets.UTF_8);
    }

    /** Copies up to {@code count} bytes (no more than {@link #MAX_BODY} in all), stopping early at the end of input. */
    private static void copy(InputStream in, ByteArrayOutputStream to, long count) throws IOException {
        byte[] buffer = new byte[8192];
        long left = Math.min(count, MAX_BODY - (long) to.size());
        while (left > 0) {
            int n = in.read(buffer, 0, (int) Math.min(buffer.length, left));
            if (n < 0) {
                return;
            }
            to.write(buffer, 0, n);
            left -= n;
        }
    }

    private static long chunkSize(String line) throws IOException {
        String size = line.contains(";") ? line.substring(0, line.indexOf(';')) : line;
        try {
            return Long.parseLong(size.trim(), 16);
        } catch (NumberFormatException e) {
            throw new IOException("storage sent a malformed chunk size: " + line);
        }
    }

    private static int statusCode(String statusLine) throws IOException {
        String[] parts = statusLine.split(" ", 3);
        if (parts.length < 2 || !parts[0].startsWith("HTTP/")) {
            throw new IOException("storage answered with something other than HTTP: "
                    + statusLine.substring(0, Math.min(80, statusLine.length())));
        }
        try {
            return Integer.parseInt(parts[1]);
        } catch (NumberFormatException e) {
            throw new IOException("storage answered with a malformed status line: " + statusLine);
        }
    }

    /** One line without its CR LF, one char per byte. */
    private static String readLine(InputStream in) throws IOException {
        StringBuilder line = new StringBuilder();
        for (int c = in.read(); c != '\n'; c = in.read()) {
            if (c < 0) {
                throw new IOException(line.length() == 0 ? "it was closed before an answer came"
                        : "it was closed in the middle of the answer");
            }
            if (line.length() >= MAX_LINE) {
                throw new IOException("storage sent a header line longer than " + MAX_LINE + " bytes");
            }
            line.append((char) c);
        }
        int end = line.length() > 0 && line.charAt(line.length() - 1) == '\r' ? line.length() - 1 : line.length();
        return line.substring(0, end);
    }

    private static String requestPath(URI url) {
        String path = url.getRawPath() == null || url.getRawPath().isEmpty() ? "/" : url.getRawPath();
        return url.getRawQuery() == null ? path : path + "?" + url.getRawQuery();
    }

    private static String hostHeader(URI url, boolean https, int port) {
        boolean defaultPort = port == (https ? 443 : 80);
        String host = url.getHost().contains(":") && !url.getHost().startsWith("[") ? "[" + url.getHost() + "]" : url.getHost();
        return defaultPort ? host : host + ":" + port;
    }

    private static void ascii(ByteArrayOutputStream to, String text) {
        to.writeBytes(text.getBytes(StandardCharsets.US_ASCII));
    }
}
