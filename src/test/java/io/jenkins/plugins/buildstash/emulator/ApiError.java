package io.jenkins.plugins.buildstash.emulator;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.List;
import java.util.Map;

/**
 * An API answer other than success, thrown from anywhere in a handler and turned into its JSON response by the route
 * wrapper. It carries no stack trace: it is control flow, not a bug.
 */
final class ApiError extends RuntimeException {

    private static final long serialVersionUID = 1L;

    private final transient Response response;

    private ApiError(Response response, String message) {
        super(message, null, false, false);
        this.response = response;
    }

    Response response() {
        return response;
    }

    static ApiError of(int status, String message) {
        return new ApiError(Json.response(status, Json.message(message)), message);
    }

    static ApiError unauthorized() {
        return of(401, "Unauthorized");
    }

    /** The documented scope error (brief §2.4). */
    static ApiError missingScope(String scope) {
        return of(403, "This action requires '" + scope + "' scope.");
    }

    static ApiError forbidden(String message) {
        return of(403, message);
    }

    static ApiError notFound(String message) {
        return of(404, message);
    }

    static ApiError badRequest(String message) {
        return of(400, message);
    }

    /** 422 with only a message: the form list filters use. */
    static ApiError invalidFilter(String message) {
        return of(422, message);
    }

    /**
     * 422 {@code {message, errors:{field:[...]}}}, Laravel's shape: the message is the first error, followed by
     * "(and N more error(s))" when there are more.
     */
    static ApiError validation(Map<String, List<String>> errors) {
        int total = errors.values().stream().mapToInt(List::size).sum();
        String first = errors.values().iterator().next().get(0);
        int more = total - 1;
        String message = more == 0 ? first : first + " (and " + more + " more error" + (more == 1 ? "" : "s") + ")";
        ObjectNode body = Json.message(message);
        ObjectNode fields = body.putObject("errors");
        errors.forEach((field, messages) -> messages.forEach(fields.putArray(field)::add));
        return new ApiError(Json.response(422, body), message);
    }
}
