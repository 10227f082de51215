package io.jenkins.plugins.buildstash.api;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import com.fasterxml.jackson.databind.cfg.CoercionAction;
import com.fasterxml.jackson.databind.cfg.CoercionInputShape;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.databind.type.LogicalType;
import java.nio.charset.StandardCharsets;

/** The one Jackson configuration for Buildstash JSON. */
public final class Json {

    /**
     * snake_case names; unknown fields ignored (the beta API grows); nulls and empty strings or lists left out of
     * request bodies (the server rejects "" for pattern-checked fields); lenient where the API is loose: numbers sent
     * as strings or as "" (brief §5.2), and a header value sent as a one-element array.
     */
    public static final ObjectMapper MAPPER = JsonMapper.builder()
            .propertyNamingStrategy(PropertyNamingStrategies.SNAKE_CASE)
            .disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
            // A body with more after its JSON was cut into or glued to something else: not to be trusted.
            .enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS)
            .disable(DeserializationFeature.FAIL_ON_NULL_FOR_PRIMITIVES)
            .enable(DeserializationFeature.UNWRAP_SINGLE_VALUE_ARRAYS)
            .serializationInclusion(JsonInclude.Include.NON_EMPTY)
            .withCoercionConfig(LogicalType.Integer, c -> c.setCoercion(CoercionInputShape.EmptyString, CoercionAction.AsNull))
            .withCoercionConfig(LogicalType.Boolean, c -> c.setCoercion(CoercionInputShape.EmptyString, CoercionAction.AsNull))
            .build();

    private Json() {}

    /**
     * The text of a JSON body. JSON is UTF-8 (RFC 8259), but a byte order mark, which some servers and proxies put
     * first, is skipped rather than read as a character, and a UTF-16 body (told by its mark or its zero bytes, the
     * way RFC 4627 detects it) is decoded as such.
     */
    public static String text(byte[] body) {
        if (body == null || body.length == 0) {
            return "";
        }
        int b0 = body[0] & 0xff;
        int b1 = body.length > 1 ? body[1] & 0xff : -1;
        if (b0 == 0xef && b1 == 0xbb && body.length > 2 && (body[2] & 0xff) == 0xbf) {
            return new String(body, 3, body.length - 3, StandardCharsets.UTF_8);
        }
        if (b0 == 0xfe && b1 == 0xff) {
            return new String(body, 2, body.length - 2, StandardCharsets.UTF_16BE);
        }
        if (b0 == 0xff && b1 == 0xfe) {
            return new String(body, 2, body.length - 2, StandardCharsets.UTF_16LE);
        }
        if (body.length >= 2 && b0 == 0 && b1 != 0) {
            return new String(body, StandardCharsets.UTF_16BE);
        }
        if (body.length >= 2 && b0 != 0 && b1 == 0) {
            return new String(body, StandardCharsets.UTF_16LE);
        }
        return new String(body, StandardCharsets.UTF_8);
    }
}
