package io.jenkins.plugins.buildstash.api;

import java.util.Objects;

/**
 * A Buildstash API key. Deliberately not {@link java.io.Serializable} and never printed: it only ever leaves this object
 * as the value of an {@code Authorization} header on an API call.
 */
public final class ApiKey {

    private final String value;

    private ApiKey(String value) {
        this.value = value;
    }

    /** @throws IllegalArgumentException if the key is blank or contains whitespace (a pasting mistake) */
    public static ApiKey of(String value) {
        Objects.requireNonNull(value, "API key");
        String trimmed = value.strip();
        if (trimmed.isEmpty()) {
            throw new IllegalArgumentException("The Buildstash API key is empty");
        }
        if (trimmed.chars().anyMatch(Character::isWhitespace)) {
            throw new IllegalArgumentException(
                    "The Buildstash API key contains spaces or line breaks: paste the key alone, as Buildstash shows it");
        }
        return new ApiKey(trimmed);
    }

    String authorizationHeader() {
        return "Bearer " + value;
    }

    /**
     * A SHA-256 of the base URL and the key, in hex: names the key in memories (such as what kind it is) without
     * holding it. The key is random and long, so the digest does not lead back to it.
     */
    String fingerprint(java.net.URI base) {
        try {
            java.security.MessageDigest sha = java.security.MessageDigest.getInstance("SHA-256");
            sha.update(base.toString().getBytes(java.nio.charset.StandardCharsets.UTF_8));
            sha.update((byte) '\n');
            sha.update(value.getBytes(java.nio.charset.StandardCharsets.UTF_8));
            return java.util.HexFormat.of().formatHex(sha.digest());
        } catch (java.security.NoSuchAlgorithmException e) {
            throw new IllegalStateException("Every Java has SHA-256", e);
        }
    }

    /** For scrubbing a server message that might echo the key. */
    String scrub(String text) {
        return Redact.text(text, value);
    }

    @Override
    public String toString() {
        return "ApiKey[****]";
    }
}
