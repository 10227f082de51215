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
        String signature = mac(method, path, expires, names, signedHeaders);
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
        Map<String, String> values = new java.util.LinkedHashMap<>();
        if (!names.isEmpty()) {
            for (String name : names.split(";")) {
                values.put(name, Optional.ofNullable(request.header(name)).orElse(""));
            }
        }
        String expected = mac(request.method(), request.rawPath(), expires, names, values);
        boolean authentic = MessageDigest.isEqual(
                expected.getBytes(StandardCharsets.US_ASCII), signature.getBytes(StandardCharsets.US_ASCII));
        return authentic ? Optional.empty() : Optional.of(S3Errors.signatureMismatch());
    }

    private String mac(String method, String path, long expires, String names, Map<String, String> headers) {
        StringBuilder canonical = new StringBuilder()
                .append(method).append('\n')
                .append(path).append('\n')
                .append(expires).append('\n')
                .append(names).append('\n');
        headers.forEach((name, value) ->
                canonical.append(name.toLowerCase(Locale.ROOT)).append(':').append(value.trim()).append('\n'));
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(secret, "HmacSHA256"));
            return HexFormat.of().formatHex(mac.doFinal(canonical.toString().getBytes(StandardCharsets.UTF_8)));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("every JDK has HmacSHA256", e);
        }
    }
}
