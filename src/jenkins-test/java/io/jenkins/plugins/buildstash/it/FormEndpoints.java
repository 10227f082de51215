package io.jenkins.plugins.buildstash.it;

import java.io.IOException;
import java.net.URL;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import net.sf.json.JSONArray;
import net.sf.json.JSONObject;
import org.htmlunit.HttpMethod;
import org.htmlunit.WebRequest;
import org.htmlunit.WebResponse;
import org.htmlunit.util.NameValuePair;
import org.jvnet.hudson.test.JenkinsRule;

/**
 * Calls form endpoints (fill, check, test connection) the way the browser does: a POST of form parameters, with the
 * crumb the session was given by {@code /crumbIssuer/api/json} (the real crumb issuer, not the test one).
 */
final class FormEndpoints {

    /** What came back: the HTTP status and the body. */
    record Answer(int status, String body) {

        /** OK, WARNING or ERROR for a form validation; null when the body is none. */
        String kind() {
            if (body.trim().equals("<div/>")) {
                return "OK";
            }
            for (String kind : new String[] {"ok", "warning", "error"}) {
                if (body.startsWith("<div class=\"" + kind + "\">") || body.startsWith("<div class=" + kind + ">")) {
                    return kind.toUpperCase(java.util.Locale.ROOT);
                }
            }
            return null;
        }

        /** The values of a list box answer. */
        List<String> values() {
            List<String> values = new ArrayList<>();
            JSONArray array = JSONObject.fromObject(body).getJSONArray("values");
            for (int i = 0; i < array.size(); i++) {
                values.add(array.getJSONObject(i).getString("value"));
            }
            return values;
        }
    }

    private FormEndpoints() {}

    /** A client that reports failing statuses instead of throwing, logged in as {@code user} (null: anonymous). */
    static JenkinsRule.WebClient client(JenkinsRule r, String user) throws Exception {
        JenkinsRule.WebClient wc = r.createWebClient().withThrowExceptionOnFailingStatusCode(false);
        wc.getOptions().setPrintContentOnFailingStatusCode(false);
        if (user != null) {
            wc.login(user);
        }
        wc.getOptions().setJavaScriptEnabled(false);
        return wc;
    }

    /** The crumb this client's session gets, as {field, value}; null when it may not have one. */
    static String[] crumb(JenkinsRule.WebClient wc) throws IOException {
        WebResponse response = wc.loadWebResponse(new WebRequest(new URL(wc.getContextPath() + "crumbIssuer/api/json")));
        if (response.getStatusCode() != 200) {
            return null;
        }
        JSONObject json = JSONObject.fromObject(response.getContentAsString());
        return new String[] {json.getString("crumbRequestField"), json.getString("crumb")};
    }

    static Answer post(JenkinsRule.WebClient wc, String path, Map<String, String> parameters, String[] crumb)
            throws IOException {
        return send(wc, HttpMethod.POST, path, parameters, crumb);
    }

    static Answer get(JenkinsRule.WebClient wc, String path, Map<String, String> parameters) throws IOException {
        return send(wc, HttpMethod.GET, path, parameters, null);
    }

    private static Answer send(JenkinsRule.WebClient wc, HttpMethod method, String path, Map<String, String> parameters,
            String[] crumb) throws IOException {
        WebRequest request = new WebRequest(new URL(wc.getContextPath() + path), method);
        List<NameValuePair> pairs = new ArrayList<>();
        parameters.forEach((k, v) -> pairs.add(new NameValuePair(k, v)));
        request.setRequestParameters(pairs);
        if (crumb != null) {
            request.setAdditionalHeader(crumb[0], crumb[1]);
        }
        WebResponse response = wc.loadWebResponse(request);
        return new Answer(response.getStatusCode(), response.getContentAsString());
    }
}
