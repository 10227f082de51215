package io.jenkins.plugins.buildstash.emulator;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.util.HexFormat;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * Presigned storage URLs: an expiry and an HMAC-SHA256 in the query, like S3's query-string authentication. The MAC
 * covers the method, the path, the expiry and the values of the signed headers, with a secret random per emulator, so
 * a URL cannot be altered, reused for another object or sent with other signed header values.
 *
 * <p>Like SigV4, it signs the UTF-8 bytes of each header value as the presigner returned it, and checks the bytes that
 * arrived on the wire: a client that sends {@code é} as {@code ?}, or as one ISO-8859-1 byte, is refused with
 * {@code SignatureDoesNotMatch}, as S3 refuses it.
 */
final class Signer {

    static final String EXPIRES = "X-Emu-Expires";
    static final String SIGNED_HEADERS = "X-Emu-SignedHeaders";
    static final String SIGNATURE = "X-Emu-Signature";

    private final byte[] secret = new byte[32];
    private final Clock clock;

    Signer(Clock clock) {
        this.clock = clock;
        new SecureRandom().nextBytes(secret);
    }

    /**
     * Signs a path.
     *
     * @param signedHeaders header names and the exact values the request must carry (empty for a download)
     * @return the path with its query string
     */
    String presign(String method, String path, Duration ttl, Map<String, String> signedHeaders) {
        long expires = clock.instant().plus(ttl).getEpochSecond();
        String names = String.join(";", signedHeaders.keySet()).toLowerCase(Locale.ROOT);
        Map<String, byte[]> values = new java.util.LinkedHashMap<>();
        signedHeaders.forEach((name, value) -> values.put(name, value.getBytes(StandardCharsets.UTF_8)));
        String signature = mac(method, path, expires, names, values);
        return path + "?" + EXPIRES + "=" + expires + (names.isEmpty() ? "" : "&" + SIGNED_HEADERS + "=" + names)
                + "&" + SIGNATURE + "=" + signature;
    }

    /**
     * Checks a presigned request: present, not expired, and signed for this method, path and these header values.
     *
     * @return the S3-style error to answer with, or empty when the request is authentic
     */
    Optional<Response> check(Request request) {
        String expiresText = request.query(EXPIRES);
        String signature = request.query(SIGNATURE);
        if (expiresText == null || signature == null) {
            return Optional.of(S3Errors.error(403, "AccessDenied",
                    "Query-string authentication requires the " + SIGNATURE + " and " + EXPIRES + " parameters"));
        }
        long expires;
        try {
            expires = Long.parseLong(expiresText);
        } catch (NumberFormatException e) {
            return Optional.of(S3Errors.signatureMismatch());
        }
        if (clock.instant().getEpochSecond() > expires) {
            return Optional.of(S3Errors.expired());
        }
        String names = Optional.ofNullable(request.query(SIGNED_HEADERS)).orElse("");
        Map<String, byte[]> values = new java.util.LinkedHashMap<>();
        if (!names.isEmpty()) {
            for (String name : names.split(";")) {
                // Header lines are read as ISO-8859-1, one char per byte: this gives back the bytes that came in.
                values.put(name, Optional.ofNullable(request.header(name)).orElse("").getBytes(StandardCharsets.ISO_8859_1));
            }
        }
        String expected = mac(request.method(), request.rawPath(), expires, names, values);
        boolean authentic = MessageDigest.isEqual(
                expected.getBytes(StandardCharsets.US_ASCII), signature.getBytes(StandardCharsets.US_ASCII));
        return authentic ? Optional.empty() : Optional.of(S3Errors.signatureMismatch());
    }

    private String mac(String method, String path, long expires, String names, Map<String, byte[]> headers) {
        java.io.ByteArrayOutputStream canonical = new java.io.ByteArrayOutputStream();
        canonical.writeBytes((method + "\n" + path + "\n" + expires + "\n" + names + "\n").getBytes(StandardCharsets.UTF_8));
        headers.forEach((name, value) -> {
            canonical.writeBytes((name.toLowerCase(Locale.ROOT) + ":").getBytes(StandardCharsets.UTF_8));
            canonical.writeBytes(trimmed(value));
            canonical.write('\n');
        });
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(secret, "HmacSHA256"));
            return HexFormat.of().formatHex(mac.doFinal(canonical.toByteArray()));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("every JDK has HmacSHA256", e);
        }
    }

    /** The value without leading and trailing spaces and tabs, as SigV4 canonicalises it. */
    private static byte[] trimmed(byte[] value) {
        int from = 0;
        int to = value.length;
        while (from < to && (value[from] == ' ' || value[from] == '\t')) {
            from++;
        }
        while (to > from && (value[to - 1] == ' ' || value[to - 1] == '\t')) {
            to--;
        }
        return java.util.Arrays.copyOfRange(value, from, to);
    }
}
