package io.jenkins.plugins.buildstash.bench;

import io.jenkins.plugins.buildstash.upload.TransferSettings;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.channels.SocketChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * What Java itself can do without the JDK's HTTP client: one blocking {@link SocketChannel} on the calling thread,
 * the file read into a 256 KiB direct buffer and written whole, HTTP/1.1 with {@code Content-Length}, the answer's
 * status and ETag read back. Plain HTTP only (no TLS, no proxy, no redirect): a measure of how much of the gap to curl
 * is the JDK client's own write path, not a way to send files. Not part of the plugin.
 */
final class BlockingSocketFileSide extends SinglePutBaseline {

    private static final Pattern STATUS = Pattern.compile("^HTTP/1\\.[01] (\\d{3})");
    private static final Pattern ETAG = Pattern.compile("(?im)^etag:\\s*(.+?)\\s*$");

    private final ByteBuffer chunk = ByteBuffer.allocateDirect(256 * 1024);

    @Override
    String put(TransferSettings settings, URI url, Map<String, String> headers, Path file, long size)
            throws IOException {
        if (!"http".equals(url.getScheme())) {
            throw new IOException("the blocking-socket baseline speaks plain HTTP only, not " + url.getScheme());
        }
        int port = url.getPort() < 0 ? 80 : url.getPort();
        StringBuilder head = new StringBuilder("PUT ").append(url.getRawPath());
        if (url.getRawQuery() != null) {
            head.append('?').append(url.getRawQuery());
        }
        head.append(" HTTP/1.1\r\nHost: ").append(url.getHost()).append(':').append(port).append("\r\n");
        headers.forEach((name, value) -> head.append(name).append(": ").append(value).append("\r\n"));
        head.append("Content-Length: ").append(size).append("\r\nConnection: close\r\n\r\n");
        try (SocketChannel socket = SocketChannel.open(new InetSocketAddress(url.getHost(), port));
                FileChannel in = FileChannel.open(file)) {
            ByteBuffer headBytes = ByteBuffer.wrap(head.toString().getBytes(StandardCharsets.US_ASCII));
            while (headBytes.hasRemaining()) {
                socket.write(headBytes);
            }
            for (long position = 0; position < size; ) {
                chunk.clear();
                int n = in.read(chunk, position);
                if (n < 0) {
                    throw new IOException(file + " ended early");
                }
                chunk.flip();
                while (chunk.hasRemaining()) {
                    socket.write(chunk);
                }
                position += n;
            }
            String answer = readHead(socket);
            Matcher status = STATUS.matcher(answer);
            if (!status.find() || status.group(1).charAt(0) != '2') {
                throw new IOException("storage answered " + answer.lines().findFirst().orElse("nothing"));
            }
            Matcher etag = ETAG.matcher(answer);
            return etag.find() ? etag.group(1) : "";
        }
    }

    private static String readHead(SocketChannel socket) throws IOException {
        ByteBuffer answer = ByteBuffer.allocate(16 * 1024);
        while (answer.hasRemaining()) {
            if (socket.read(answer) < 0) {
                break;
            }
            String text = new String(answer.array(), 0, answer.position(), StandardCharsets.ISO_8859_1);
            if (text.contains("\r\n\r\n")) {
                return text;
            }
        }
        return new String(answer.array(), 0, answer.position(), StandardCharsets.ISO_8859_1);
    }
}
