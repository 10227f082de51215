package io.jenkins.plugins.buildstash.upload;

import io.jenkins.plugins.buildstash.api.BuildstashException;
import io.jenkins.plugins.buildstash.api.Failure;
import java.util.Map;

/**
 * The headers Buildstash returns with a presigned URL are the ones storage signed: SigV4 signs the UTF-8 bytes of each
 * value, so they must go out as exactly those bytes. Most are ASCII; a {@code Content-Disposition} carries the file's
 * name, which may be any Unicode text. This says which can travel through the JDK client and which cannot travel at
 * all, so that the latter is said before any byte is sent.
 */
final class SignedHeaders {

    private SignedHeaders() {}

    /** Whether every name and value is ASCII: what the JDK 17 client writes unchanged (it writes '?' for the rest). */
    static boolean ascii(Map<String, String> headers) {
        return headers.entrySet().stream().allMatch(e -> isAscii(e.getKey()) && isAscii(e.getValue()));
    }

    /**
     * Refuses headers that no HTTP/1.1 request can carry as signed: a name that is not a token, a value with a control
     * character (a line break would end the header), or a lone UTF-16 surrogate, which has no UTF-8 form.
     *
     * @param file the file the headers are for, for the message
     */
    static void checkSendable(String file, Map<String, String> headers, String operation) throws BuildstashException {
        for (Map.Entry<String, String> header : headers.entrySet()) {
            String problem = problem(header.getKey(), header.getValue());
            if (problem != null) {
                throw new BuildstashException("Buildstash returned a " + header.getKey() + " header for " + file
                        + " that cannot be sent as storage signed it (" + problem + "), so nothing was sent and the"
                        + " upload was stopped. Rename the file to plainer characters, and tell Buildstash about the"
                        + " header it returned", operation, null, Failure.of(Failure.Type.PERMANENT));
            }
        }
    }

    private static String problem(String name, String value) {
        if (name.isEmpty() || !name.chars().allMatch(SignedHeaders::isTokenChar)) {
            return "its name is not a valid header name";
        }
        for (int i = 0; i < value.length(); i++) {
            char c = value.charAt(i);
            if (c == '\r' || c == '\n') {
                return "its value holds a line break";
            }
            if (c < 0x20 && c != '\t' || c == 0x7f) {
                return String.format("its value holds the control character U+%04X", (int) c);
            }
            if (Character.isHighSurrogate(c) && (i + 1 == value.length() || !Character.isLowSurrogate(value.charAt(i + 1)))
                    || Character.isLowSurrogate(c) && (i == 0 || !Character.isHighSurrogate(value.charAt(i - 1)))) {
                return String.format("its value holds a lone surrogate U+%04X, which has no UTF-8 form", (int) c);
            }
        }
        return null;
    }

    private static boolean isAscii(String s) {
        return s.chars().allMatch(c -> c < 0x80);
    }

    /** RFC 9110 tchar. */
    private static boolean isTokenChar(int c) {
        return c > 0x20 && c < 0x7f && "\"(),/:;<=>?@[\\]{}".indexOf(c) < 0;
    }
}
