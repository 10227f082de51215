package io.jenkins.plugins.buildstash.emulator;

import java.io.IOException;
import java.io.InputStream;

/**
 * The bytes of one connection: header lines come from a small buffer, while body reads drain that buffer and then go
 * straight from the socket into the caller's (large) array, so a multi-GB body is never copied twice.
 */
final class HttpInput {

    private final InputStream socket;
    private final byte[] buffer = new byte[16 * 1024];
    private int position;
    private int limit;

    HttpInput(InputStream socket) {
        this.socket = socket;
    }

    /**
     * Reads one CRLF- (or LF-) terminated line as ISO-8859-1, without the terminator.
     *
     * @return null on a clean end of stream before the first byte
     * @throws IOException when the line is longer than {@code maxLength} or the stream ends mid-line
     */
    String readLine(int maxLength) throws IOException {
        StringBuilder line = new StringBuilder();
        boolean any = false;
        while (true) {
            if (position == limit && !fill()) {
                if (!any) {
                    return null;
                }
                throw new IOException("connection closed in the middle of a header line");
            }
            any = true;
            byte b = buffer[position++];
            if (b == '\n') {
                int end = line.length();
                if (end > 0 && line.charAt(end - 1) == '\r') {
                    line.setLength(end - 1);
                }
                return line.toString();
            }
            if (line.length() >= maxLength) {
                throw new IOException("header line longer than " + maxLength + " bytes");
            }
            line.append((char) (b & 0xff));
        }
    }

    /** Reads up to {@code length} body bytes: buffered ones first, then directly from the socket. */
    int read(byte[] target, int offset, int length) throws IOException {
        if (length == 0) {
            return 0;
        }
        if (position < limit) {
            int n = Math.min(length, limit - position);
            System.arraycopy(buffer, position, target, offset, n);
            position += n;
            return n;
        }
        return socket.read(target, offset, length);
    }

    private boolean fill() throws IOException {
        int n = socket.read(buffer, 0, buffer.length);
        if (n <= 0) {
            return false;
        }
        position = 0;
        limit = n;
        return true;
    }
}
