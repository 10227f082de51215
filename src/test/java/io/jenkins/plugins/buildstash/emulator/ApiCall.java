package io.jenkins.plugins.buildstash.emulator;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;

/** An authenticated API request: the key, the application of the path (if any), parameters and the JSON body. */
final class ApiCall {

    private static final int MAX_JSON_BODY = 1024 * 1024;

    private final Router.RouteCall call;
    private final ApiKey key;
    private final Model.Application application;
    private ObjectNode body;

    ApiCall(Router.RouteCall call, ApiKey key, Model.Application application) {
        this.call = call;
        this.key = key;
        this.application = application;
    }

    ApiKey key() {
        return key;
    }

    /** The application named by the {@code application_id} path parameter, already access-checked. */
    Model.Application application() {
        if (application == null) {
            throw new IllegalStateException(call.route().name() + " has no application in its path");
        }
        return application;
    }

    String path(String name) {
        return call.pathParameter(name);
    }

    /** A query parameter; null when absent. */
    String query(String name) {
        return call.request().query(name);
    }

    /**
     * The body as a JSON object.
     *
     * @throws ApiError 400 when it is not one
     */
    ObjectNode body() throws IOException {
        if (body == null) {
            JsonNode parsed;
            try {
                parsed = Json.parse(call.request().readSmallBody(MAX_JSON_BODY));
            } catch (Request.BadRequest e) {
                throw ApiError.of(413, "The request body is too large.");
            } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
                throw ApiError.badRequest("The request body is not valid JSON.");
            }
            if (parsed == null || !parsed.isObject()) {
                throw ApiError.badRequest("The request body must be a JSON object.");
            }
            body = (ObjectNode) parsed;
        }
        return body;
    }
}
