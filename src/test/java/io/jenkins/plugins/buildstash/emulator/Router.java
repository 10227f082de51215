package io.jenkins.plugins.buildstash.emulator;

import java.io.IOException;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

/** Routes a request by method and path template ({@code /applications/{application_id}/builds}) to a named route. */
final class Router {

    /** Handles a matched request. */
    interface RouteHandler {
        Response handle(RouteCall call) throws IOException;
    }

    /** A request together with the route it matched and the decoded path parameters. */
    record RouteCall(Route route, Request request, Map<String, String> pathParameters) {
        String pathParameter(String name) {
            return pathParameters.get(name);
        }
    }

    /**
     * One route. {@code name} identifies it everywhere else (faults, rate limits, request counts): the spec's
     * operationId for API routes.
     */
    record Route(String name, String method, String template, RouteHandler handler) {
        String[] segments() {
            return template.substring(1).split("/", -1);
        }
    }

    /** The outcome of a lookup: a route, or no route for the path, or only routes for other methods. */
    record Match(RouteCall call, boolean pathKnown) {}

    private final List<Route> routes = new ArrayList<>();

    void add(String method, String template, String name, RouteHandler handler) {
        if (names().contains(name)) {
            throw new IllegalArgumentException("route name used twice: " + name);
        }
        routes.add(new Route(name, method, template, handler));
    }

    Set<String> names() {
        Set<String> names = new TreeSet<>();
        routes.forEach(route -> names.add(route.name()));
        return names;
    }

    List<Route> routes() {
        return List.copyOf(routes);
    }

    Match match(Request request) {
        String[] path = request.rawPath().substring(1).split("/", -1);
        boolean pathKnown = false;
        for (Route route : routes) {
            Map<String, String> parameters = bind(route.segments(), path);
            if (parameters == null) {
                continue;
            }
            pathKnown = true;
            if (route.method().equals(request.method())) {
                return new Match(new RouteCall(route, request, parameters), true);
            }
        }
        return new Match(null, pathKnown);
    }

    private static Map<String, String> bind(String[] template, String[] path) {
        if (template.length != path.length) {
            return null;
        }
        Map<String, String> parameters = new LinkedHashMap<>();
        for (int i = 0; i < template.length; i++) {
            String expected = template[i];
            if (expected.startsWith("{") && expected.endsWith("}")) {
                if (path[i].isEmpty()) {
                    return null;
                }
                String value;
                try {
                    value = URLDecoder.decode(path[i].replace("+", "%2B"), StandardCharsets.UTF_8);
                } catch (IllegalArgumentException e) {
                    return null;
                }
                parameters.put(expected.substring(1, expected.length() - 1), value);
            } else if (!expected.equals(path[i])) {
                return null;
            }
        }
        return parameters;
    }
}
