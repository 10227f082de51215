package io.jenkins.plugins.buildstash.emulator;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.Instant;
import java.time.temporal.ChronoUnit;

/** JSON bodies: the one mapper, and the response shapes every route shares. */
final class Json {

    static final ObjectMapper MAPPER = new ObjectMapper();

    private Json() {}

    static ObjectNode object() {
        return MAPPER.createObjectNode();
    }

    /** A response with a JSON body. */
    static Response response(int status, JsonNode body) {
        try {
            return Response.of(status, "application/json", MAPPER.writeValueAsBytes(body));
        } catch (JsonProcessingException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** {@code {"message": ...}}: the body of every error, and of the flat upload answers before their fields. */
    static ObjectNode message(String message) {
        return object().put("message", message);
    }

    /** {@code {message, data}}: the single-resource envelope. */
    static Response single(String message, JsonNode data) {
        ObjectNode body = message(message);
        body.set("data", data);
        return response(200, body);
    }

    static JsonNode parse(byte[] bytes) throws IOException {
        return MAPPER.readTree(bytes);
    }

    /** ISO-8601 timestamps to the second, as the API shows them. */
    static String time(Instant instant) {
        return instant == null ? null : instant.truncatedTo(ChronoUnit.SECONDS).toString();
    }
}
