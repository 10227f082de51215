package io.jenkins.plugins.buildstash.emulator;

import java.io.IOException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;

/**
 * Every request's path through the emulator: find the route, apply a scripted fault, run the route, record the
 * outcome. Faults act before the route (as a proxy or a flaky network would), so a route never sees a request that a
 * fault answered.
 */
final class Dispatcher implements HttpServerCore.Handler {

    private static final String HTML_PAGE = "<!DOCTYPE html>\n<html><head><title>Sign in</title></head><body>"
            + "<h1>Sign in to continue</h1><form method=\"post\" action=\"/login\"></form></body></html>\n";

    private final Router router;
    private final Faults faults;
    private final RequestLog log;
    private final Clock clock;

    Dispatcher(Router router, Faults faults, RequestLog log, Clock clock) {
        this.router = router;
        this.faults = faults;
        this.log = log;
        this.clock = clock;
    }

    @Override
    public Response handle(Request request) throws IOException {
        Instant at = clock.instant();
        long started = System.nanoTime();
        Router.Match match = router.match(request);
        String route = match.call() == null ? "unmatched" : match.call().route().name();
        int status = 0;
        String retryAfter = null;
        try {
            Response response = match.call() == null ? unmatched(request, match.pathKnown()) : dispatch(match.call());
            // An armed reset replaces the answer: the log shows 0, as for any connection dropped without one.
            status = request.resetArmed() ? 0 : response.status();
            retryAfter = request.resetArmed() ? null : response.headers().get("Retry-After");
            return response;
        } finally {
            Duration took = Duration.ofNanos(System.nanoTime() - started);
            log.add(new RequestRecord(at, request.method(), request.rawPath(), route, status, took, retryAfter));
        }
    }

    private Response dispatch(Router.RouteCall call) throws IOException {
        Optional<Fault> fault = faults.next(call.route().name(), partNumber(call));
        if (fault.isPresent()) {
            Response answer = answerInstead(fault.get(), call);
            if (answer != null) {
                return answer;
            }
            prepare(fault.get(), call.request());
        }
        Response response = handle(call);
        fault.ifPresent(f -> degrade(f, response));
        return response;
    }

    private static Response handle(Router.RouteCall call) throws IOException {
        try {
            return call.route().handler().handle(call);
        } catch (ApiError e) {
            return e.response();
        } catch (RuntimeException e) {
            // An emulator bug: say what broke, so that the test that met it shows the cause.
            return Json.response(500, Json.message("Server Error: " + e));
        }
    }

    /** The answer of a fault that replaces the route's; null for faults that wrap it. */
    private Response answerInstead(Fault fault, Router.RouteCall call) {
        boolean storage = call.route().template().startsWith("/storage/");
        if (fault instanceof Fault.Status status) {
            Response response;
            if (status.body() != null) {
                response = Response.of(status.status(), status.contentType(), status.body());
            } else if (storage) {
                response = S3Errors.error(status.status(), s3Code(status.status()), Response.reasonPhrase(status.status()));
            } else {
                response = Json.response(status.status(), Json.message(Response.reasonPhrase(status.status())));
            }
            status.retryAfter().headerValue(clock.instant()).ifPresent(value -> response.header("Retry-After", value));
            return response;
        }
        if (fault instanceof Fault.HtmlPage) {
            return Response.of(200, "text/html; charset=UTF-8", HTML_PAGE);
        }
        if (fault instanceof Fault.ExpiredUrl) {
            return S3Errors.expired();
        }
        return null;
    }

    private static void prepare(Fault fault, Request request) {
        if (fault instanceof Fault.ResetAfterBodyBytes reset) {
            request.resetAfterBodyBytes(reset.bytes());
        } else if (fault instanceof Fault.ThrottleBody throttle) {
            request.shapeBody(new TokenBucket(throttle.bitsPerSecond()));
        } else if (fault instanceof Fault.Meanwhile meanwhile) {
            meanwhile.action().run();
            if (meanwhile.alongside() != null) {
                prepare(meanwhile.alongside(), request);
            }
        }
    }

    private static void degrade(Fault fault, Response response) {
        if (fault instanceof Fault.DelayHeaders delay) {
            response.delayHeaders(delay.delay());
        } else if (fault instanceof Fault.TruncateBody) {
            response.truncateBody();
        } else if (fault instanceof Fault.RewriteAnswer rewrite) {
            response.rewriteBody(rewrite.rewrite());
            if (rewrite.contentType() != null) {
                response.header("Content-Type", rewrite.contentType());
            }
        } else if (fault instanceof Fault.Meanwhile meanwhile && meanwhile.alongside() != null) {
            degrade(meanwhile.alongside(), response);
        }
    }

    private static int partNumber(Router.RouteCall call) {
        String part = call.pathParameter("part_number");
        try {
            return part == null ? 0 : Integer.parseInt(part);
        } catch (NumberFormatException e) {
            return 0;
        }
    }

    private static String s3Code(int status) {
        return switch (status) {
            case 400 -> "RequestTimeout";
            case 403 -> "AccessDenied";
            case 500 -> "InternalError";
            case 503 -> "SlowDown";
            default -> "ServiceUnavailable";
        };
    }

    private static Response unmatched(Request request, boolean pathKnown) {
        if (pathKnown) {
            return Json.response(405, Json.message("The " + request.method() + " method is not supported for this"
                    + " route."));
        }
        return Json.response(404, Json.message("The route " + request.rawPath() + " could not be found."));
    }
}
