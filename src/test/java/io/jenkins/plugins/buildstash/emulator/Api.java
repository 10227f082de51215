package io.jenkins.plugins.buildstash.emulator;

import java.io.IOException;
import java.util.Locale;
import java.util.Optional;

/**
 * Registers API routes under {@value #PREFIX} and puts every call through the same gate, in the order a Laravel
 * service applies it: key (401), scope (403), the path's application (403 for another application's key, 404 for an
 * unknown one), rate limit (429), JSON content type on POST (415). Handlers then see an {@link ApiCall}.
 */
final class Api {

    static final String PREFIX = "/api/v1";

    /** Answers an authenticated call. */
    interface Handler {
        Response handle(ApiCall call) throws IOException;
    }

    private final Router router;
    private final EmulatorState state;
    private final RateLimiter rateLimiter;
    private final RetryAfter.Style retryAfterStyle;

    Api(Router router, EmulatorState state, RateLimiter rateLimiter, RetryAfter.Style retryAfterStyle) {
        this.router = router;
        this.state = state;
        this.rateLimiter = rateLimiter;
        this.retryAfterStyle = retryAfterStyle;
    }

    void get(String template, String operationId, Access access, Handler handler) {
        router.add("GET", PREFIX + template, operationId, call -> gate(call, access, handler));
    }

    void post(String template, String operationId, Access access, Handler handler) {
        router.add("POST", PREFIX + template, operationId, call -> gate(call, access, handler));
    }

    private Response gate(Router.RouteCall call, Access access, Handler handler) throws IOException {
        ApiKey key = authenticate(call.request());
        access.check(key);
        String applicationId = call.pathParameter("application_id");
        Model.Application application = applicationId == null ? null : accessibleApplication(key, applicationId);
        String countedApplication = application != null ? application.id() : key.applicationId();
        Optional<RateLimiter.Rejection> rejection =
                rateLimiter.admit(call.route().name(), countedApplication, state.workspace().id());
        if (rejection.isPresent()) {
            Response tooMany = Json.response(429, Json.message("Too Many Attempts."));
            return rejection.get().describe(tooMany, retryAfterStyle, state.now());
        }
        if (call.request().method().equals("POST") && !isJson(call.request().header("Content-Type"))) {
            throw ApiError.of(415, "Unsupported Media Type: send the request body as application/json.");
        }
        return handler.handle(new ApiCall(call, key, application));
    }

    private ApiKey authenticate(Request request) {
        String authorization = request.header("Authorization");
        if (authorization == null || !authorization.regionMatches(true, 0, "Bearer ", 0, 7)) {
            throw ApiError.unauthorized();
        }
        return state.key(authorization.substring(7).trim()).orElseThrow(ApiError::unauthorized);
    }

    /**
     * An application key reaches only its own application: any other ID, existing or not, is 403 (so a key cannot probe
     * which IDs exist). A workspace key gets 404 for an ID that is not in the workspace.
     */
    private Model.Application accessibleApplication(ApiKey key, String applicationId) {
        if (key.isApplicationKey() && !key.applicationId().equals(applicationId)) {
            throw ApiError.forbidden("This API key does not have access to this application.");
        }
        return state.application(applicationId).orElseThrow(() -> ApiError.notFound("Application not found."));
    }


    private static boolean isJson(String contentType) {
        return contentType != null
                && contentType.toLowerCase(Locale.ROOT).split(";")[0].trim().equals("application/json");
    }
}
