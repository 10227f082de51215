package io.jenkins.plugins.buildstash.api;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.NullNode;
import java.io.IOException;
import java.net.ConnectException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.UnknownHostException;
import java.net.http.HttpClient;
import java.net.http.HttpConnectTimeoutException;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpTimeoutException;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import javax.net.ssl.SSLException;

/**
 * The one path every API call takes: it adds the key, JSON headers and timeout, runs the retry policy, and turns every
 * failure into a {@link BuildstashException} whose message says what to do. Storage URLs never go through here.
 */
final class ApiTransport {

    private static final Pattern SCOPE = Pattern.compile("requires '([a-z_]+:[a-z]+)' scope");
    private static final Pattern PENDING_UPLOAD_ID = Pattern.compile("\"(?:metadata_)?pending_upload_id\"\\s*:\\s*\"([0-9A-Za-z-]{1,64})\"");

    /** One API call. {@code what} names the resource for messages, e.g. "build 'b9' of application 'a1'". */
    record Call(String method, String path, Map<String, String> query, Object body, RetryPolicy.CallKind kind, String what) {
        String operation() {
            return method + " " + path;
        }
    }

    private final URI base;
    private final ApiKey key;
    private final HttpClient http;
    private final Duration requestTimeout;
    private final String userAgent;
    private final Retrier retrier;
    private final Clock clock;
    private final ProxySettings proxy;

    ApiTransport(URI base, ApiKey key, HttpClient http, ProxySettings proxy, Duration requestTimeout, String userAgent,
            Retrier retrier, Clock clock) {
        this.base = base;
        this.key = key;
        this.http = http;
        this.proxy = proxy;
        this.requestTimeout = requestTimeout;
        this.userAgent = userAgent;
        this.retrier = retrier;
        this.clock = clock;
    }

    URI base() {
        return base;
    }

    Retrier retrier() {
        return retrier;
    }

    HttpClient http() {
        return http;
    }

    String keyFingerprint() {
        return key.fingerprint(base);
    }

    /** The parsed JSON body (a NullNode when empty), after retries. */
    JsonNode call(Call call, RetryBudget budget) throws IOException, InterruptedException {
        HttpRequest request = build(call);
        return retrier.call(call.kind(), call.operation(), budget, attempt -> exchange(call, request));
    }

    private HttpRequest build(Call call) throws BuildstashException {
        URI uri = uri(call);
        HttpRequest.Builder b = HttpRequest.newBuilder(uri)
                .timeout(requestTimeout)
                .header("Authorization", key.authorizationHeader())
                .header("Accept", "application/json")
                .header("User-Agent", userAgent);
        String proxyAuthorization = proxy == null ? null : proxy.proxyAuthorization();
        // Only on requests the proxy carries: a bypassed host would receive the proxy's password itself. The JDK keeps
        // the header off requests inside a CONNECT tunnel and sends it on the CONNECT (see proxyRefused).
        if (proxyAuthorization != null && proxy.route().appliesTo(uri)) {
            b.header("Proxy-Authorization", proxyAuthorization);
        }
        if (call.body() == null) {
            b.method(call.method(), HttpRequest.BodyPublishers.noBody());
        } else {
            byte[] json;
            try {
                json = Json.MAPPER.writeValueAsBytes(call.body());
            } catch (JsonProcessingException e) {
                throw new IllegalStateException("Cannot write the JSON body of " + call.operation(), e);
            }
            b.header("Content-Type", "application/json").method(call.method(), HttpRequest.BodyPublishers.ofByteArray(json));
        }
        return b.build();
    }

    private URI uri(Call call) {
        StringBuilder s = new StringBuilder(base.toString()).append(call.path());
        char sep = '?';
        for (Map.Entry<String, String> q : call.query().entrySet()) {
            if (q.getValue() != null) {
                s.append(sep).append(encode(q.getKey())).append('=').append(encode(q.getValue()));
                sep = '&';
            }
        }
        return URI.create(s.toString());
    }

    private static String encode(String s) {
        return URLEncoder.encode(s, StandardCharsets.UTF_8).replace("+", "%20");
    }

    private JsonNode exchange(Call call, HttpRequest request) throws BuildstashException, InterruptedException {
        HttpResponse<byte[]> response;
        try {
            response = http.send(request, HttpResponse.BodyHandlers.ofByteArray());
        } catch (IOException e) {
            throw networkFailure(call, e);
        }
        int status = response.statusCode();
        String body = Json.text(response.body());
        if (status >= 200 && status < 300) {
            return parseSuccess(call, response, body);
        }
        throw errorStatus(call, response, body);
    }

    private JsonNode parseSuccess(Call call, HttpResponse<?> response, String body) throws BuildstashException {
        if (body.isBlank()) {
            return NullNode.getInstance();
        }
        if (looksLikeHtml(response, body)) {
            throw new BuildstashException("Buildstash at " + hostOf(response) + " answered " + call.operation()
                    + " with HTTP " + response.statusCode() + " and an HTML page instead of JSON: check that the base"
                    + " URL points at the API (it usually ends in /api/v1), not at the web app or a proxy's login page",
                    call.operation(), null, Failure.of(Failure.Type.PERMANENT));
        }
        try {
            return Json.MAPPER.readTree(body);
        } catch (JsonProcessingException e) {
            BuildstashException malformed = new BuildstashException("Buildstash at " + hostOf(response) + " answered "
                    + call.operation() + " with HTTP " + response.statusCode() + " but the JSON body was cut off or"
                    + " malformed", call.operation(), null, Failure.of(Failure.Type.MALFORMED_RESPONSE));
            // The answer may still name what Buildstash created, so that it can be cleaned up.
            Matcher id = PENDING_UPLOAD_ID.matcher(body);
            if (id.find()) {
                malformed.pendingUploadIdSeen(id.group(1));
            }
            throw malformed;
        }
    }

    private BuildstashException errorStatus(Call call, HttpResponse<?> response, String body) {
        int status = response.statusCode();
        String op = call.operation();
        JsonNode json = tryParse(body);
        String serverMessage = json == null ? null : key.scrub(json.path("message").asText(null));
        String said = serverMessage == null || serverMessage.isBlank()
                ? (looksLikeHtml(response, body) ? "an HTML page, probably from a proxy in front of Buildstash" : "no reason given")
                : serverMessage.replaceAll("[.\\s]+$", "");
        if (status >= 300 && status < 400) {
            String location = response.headers().firstValue("Location").map(Redact::url).orElse("(no Location)");
            return new BuildstashException("Buildstash at " + hostOf(response) + " redirected " + op + " (HTTP " + status
                    + ") to " + location + ": API calls never follow redirects, because the API key would go along;"
                    + " set the base URL to where the API really is", op, serverMessage,
                    Failure.of(Failure.Type.PERMANENT));
        }
        Duration retryAfter = RetryAfter.parse(response.headers().firstValue("Retry-After").orElse(null),
                response.headers().firstValue("Date").orElse(null), clock);
        Failure failure = Failure.status(status, retryAfter);
        switch (status) {
            case 400:
                return new BuildstashException("Buildstash refused " + op + " (HTTP 400): " + said, op, serverMessage, failure);
            case 401:
                return new BuildstashException("Buildstash rejected the API key (HTTP 401 on " + op + "): the key is"
                        + " wrong, revoked or expired. Create a key in Buildstash and store it in the Jenkins credential",
                        op, serverMessage, failure);
            case 403:
                Matcher scope = SCOPE.matcher(serverMessage == null ? "" : serverMessage);
                if (scope.find()) {
                    return new MissingScopeException(op, scope.group(1), serverMessage);
                }
                return new BuildstashException("Buildstash denied access to " + call.what() + " (HTTP 403 on " + op
                        + "): " + said + ". An application key reaches only its own application: check the"
                        + " application id, or use a key that can reach it", op, serverMessage, failure);
            case 407:
                return proxyRefused(call, response);
            case 404:
                return new BuildstashException("Buildstash found no " + call.what() + " (HTTP 404 on " + op
                        + "): check the id or name, and that the API key can see it", op, serverMessage, failure);
            case 415:
                return new BuildstashException("Buildstash refused " + op + " (HTTP 415): " + said + ". The body must be"
                        + " JSON; on an upload request this also means the file is larger than the plan allows",
                        op, serverMessage, failure);
            case 422:
                return new ValidationException(op, serverMessage, fieldErrors(json));
            case 429:
                return new RateLimitException("Buildstash is rate-limiting " + op + " (HTTP 429"
                        + (retryAfter == null ? "" : ", asked to wait " + retryAfter.toSeconds() + " s") + ")",
                        op, serverMessage, retryAfter);
            default:
                String kind = status >= 500 ? "had a server error" : "answered with an error";
                return new BuildstashException("Buildstash " + kind + " (HTTP " + status + " on " + op + "): " + said,
                        op, serverMessage, failure);
        }
    }

    /**
     * The proxy, not Buildstash, refused the request. Through a CONNECT tunnel (https) Java sends Basic proxy
     * credentials only when {@code jdk.http.auth.tunneling.disabledSchemes} does not list Basic, and its default does:
     * then the credentials never left this JVM, which the message says.
     */
    private BuildstashException proxyRefused(Call call, HttpResponse<?> response) {
        String op = call.operation();
        String why;
        if (proxy == null || proxy.proxyAuthorization() == null) {
            why = "no proxy user is configured: set the proxy's user and password";
        } else if ("https".equalsIgnoreCase(response.uri().getScheme()) && basicDisabledOnTunnels()) {
            why = "Java does not send Basic proxy credentials through https tunnels unless the JVM is started with"
                    + " -Djdk.http.auth.tunneling.disabledSchemes= (empty); start it so, or let the proxy allow "
                    + response.uri().getHost() + " without credentials";
        } else {
            why = "the proxy refused the user and password: check them";
        }
        return new BuildstashException("The HTTP proxy asked for credentials (HTTP 407 on " + op + "): " + why, op, null,
                Failure.of(Failure.Type.PERMANENT));
    }

    private static boolean basicDisabledOnTunnels() {
        // Unset means the JDK's net.properties default, which is "Basic".
        String disabled = System.getProperty("jdk.http.auth.tunneling.disabledSchemes");
        return disabled == null || disabled.toLowerCase(java.util.Locale.ROOT).contains("basic");
    }

    private Map<String, List<String>> fieldErrors(JsonNode json) {
        Map<String, List<String>> errors = new LinkedHashMap<>();
        if (json == null || !json.path("errors").isObject()) {
            return errors;
        }
        json.path("errors").fields().forEachRemaining(e -> {
            List<String> messages = new ArrayList<>();
            if (e.getValue().isArray()) {
                e.getValue().forEach(m -> messages.add(key.scrub(m.asText())));
            } else {
                messages.add(key.scrub(e.getValue().asText()));
            }
            errors.put(e.getKey(), messages);
        });
        return errors;
    }

    private BuildstashException networkFailure(Call call, IOException e) {
        String op = call.operation();
        String where = base.getHost() + (base.getPort() < 0 ? "" : ":" + base.getPort());
        // The JDK client reports an unresolvable name as a ConnectException caused by UnresolvedAddressException.
        if (hasCause(e, UnknownHostException.class) || hasCause(e, java.nio.channels.UnresolvedAddressException.class)) {
            return new BuildstashException("Cannot resolve the Buildstash host " + base.getHost() + " for " + op
                    + ": check the base URL and the DNS or proxy settings of this machine", op,
                    Failure.of(Failure.Type.PERMANENT), e);
        }
        if (hasCause(e, SSLException.class)) {
            return new BuildstashException("The TLS connection to Buildstash at " + where + " failed for " + op + " ("
                    + Redact.text(e.getMessage()) + "): check the proxy and the certificates this JVM trusts", op,
                    Failure.of(Failure.Type.PERMANENT), e);
        }
        if (e instanceof HttpConnectTimeoutException || hasCause(e, ConnectException.class)) {
            return new BuildstashException("Could not connect to Buildstash at " + where + " for " + op
                    + ": check the base URL, the network and the proxy settings", op,
                    Failure.of(Failure.Type.NOT_CONNECTED), e);
        }
        if (e instanceof HttpTimeoutException) {
            return new BuildstashException("Buildstash at " + where + " did not answer " + op + " within "
                    + seconds(requestTimeout), op, Failure.of(Failure.Type.TIMED_OUT), e);
        }
        return new BuildstashException("The connection to Buildstash at " + where + " broke during " + op + ": "
                + ConnectionFailures.describe(e), op, Failure.of(Failure.Type.CONNECTION_LOST), e);
    }

    /** "60 s", or "0.5 s" for a timeout below a second (whole seconds alone would say "0 s"). */
    static String seconds(Duration d) {
        return d.toMillis() % 1000 == 0
                ? d.toSeconds() + " s"
                : String.format(java.util.Locale.ROOT, "%.1f s", d.toMillis() / 1000.0);
    }

    static boolean hasCause(Throwable t, Class<? extends Throwable> type) {
        for (Throwable c = t; c != null; c = c.getCause()) {
            if (type.isInstance(c)) {
                return true;
            }
        }
        return false;
    }

    private static JsonNode tryParse(String body) {
        try {
            return body.isBlank() ? null : Json.MAPPER.readTree(body);
        } catch (JsonProcessingException e) {
            return null;
        }
    }

    /** A body that starts like JSON is read as JSON whatever its Content-Type says; one that starts with '<' is not. */
    private static boolean looksLikeHtml(HttpResponse<?> response, String body) {
        String type = response.headers().firstValue("Content-Type").orElse("");
        String start = body.stripLeading();
        return start.startsWith("<") || type.contains("html") && !start.startsWith("{") && !start.startsWith("[");
    }

    private static String hostOf(HttpResponse<?> response) {
        URI uri = response.uri();
        return uri.getHost() + (uri.getPort() < 0 ? "" : ":" + uri.getPort());
    }
}
