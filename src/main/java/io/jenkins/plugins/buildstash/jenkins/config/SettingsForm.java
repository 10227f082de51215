package io.jenkins.plugins.buildstash.jenkins.config;

import io.jenkins.plugins.buildstash.api.ApiBaseUrl;
import io.jenkins.plugins.buildstash.upload.TextInputs;
import io.jenkins.plugins.buildstash.upload.TransferSettings;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Function;

/**
 * What Manage Jenkins › System › Buildstash submits, read and checked as a whole before anything is kept: either every
 * value, or every problem with the field it belongs to. A blank number field means the default, never 0.
 *
 * @param baseUrl null for the default API
 * @param retryAttempts null for the per-call defaults
 */
public record SettingsForm(String baseUrl, String credentialsId, int partConcurrency, Integer retryAttempts,
        int connectTimeoutSeconds, int requestTimeoutSeconds, int stallTimeoutSeconds) {

    static final int DEFAULT_CONNECT_TIMEOUT = 10;
    static final int DEFAULT_REQUEST_TIMEOUT = 60;
    static final int DEFAULT_STALL_TIMEOUT = 120;

    /** A problem of one field, in words for the person filling in the form. */
    public record Problem(String field, String message) {}

    /** The form was refused; nothing of it may be kept. */
    public static final class Refused extends Exception {
        private static final long serialVersionUID = 1L;

        private final transient List<Problem> problems;

        Refused(List<Problem> problems) {
            super(String.join("; ", problems.stream().map(Problem::message).toList()));
            this.problems = List.copyOf(problems);
        }

        public List<Problem> problems() {
            return problems;
        }

        /** The field the form scrolls to. */
        public String firstField() {
            return problems.get(0).field();
        }
    }

    /** @param field the submitted text of a field by name; null when the form did not send it */
    public static SettingsForm read(Function<String, String> field) throws Refused {
        List<Problem> problems = new ArrayList<>();
        String baseUrl = baseUrl(field.apply("baseUrl"), problems);
        String credentialsId = TextInputs.blankToNull(field.apply("credentialsId"));
        int parts = number(field, "partConcurrency", "Parts sent in parallel", 1, TransferSettings.MAX_CONCURRENCY,
                TransferSettings.DEFAULT_CONCURRENCY, problems);
        Integer retries = TextInputs.blankToNull(field.apply("retryAttempts")) == null
                ? null
                : number(field, "retryAttempts", "Retry attempts", 1, 20, 0, problems);
        int connect = number(field, "connectTimeoutSeconds", "Connect timeout", 1, 300, DEFAULT_CONNECT_TIMEOUT, problems);
        int request = number(field, "requestTimeoutSeconds", "API call timeout", 5, 600, DEFAULT_REQUEST_TIMEOUT, problems);
        int stall = number(field, "stallTimeoutSeconds", "Transfer stall timeout", 10, 3600, DEFAULT_STALL_TIMEOUT,
                problems);
        if (!problems.isEmpty()) {
            throw new Refused(problems);
        }
        return new SettingsForm(baseUrl, credentialsId, parts, retries, connect, request, stall);
    }

    private static String baseUrl(String text, List<Problem> problems) {
        String value = TextInputs.blankToNull(text);
        if (value == null) {
            return null;
        }
        try {
            String parsed = ApiBaseUrl.parse(value).toString();
            return ApiBaseUrl.DEFAULT.equals(parsed) ? null : parsed;
        } catch (IllegalArgumentException e) {
            problems.add(new Problem("baseUrl", "API base URL: " + e.getMessage()));
            return null;
        }
    }

    private static int number(Function<String, String> field, String name, String label, int min, int max,
            int defaultValue, List<Problem> problems) {
        String text = TextInputs.blankToNull(field.apply(name));
        if (text == null) {
            return defaultValue;
        }
        try {
            int value = Integer.parseInt(text);
            if (value >= min && value <= max) {
                return value;
            }
        } catch (NumberFormatException e) {
            // reported below, with the range
        }
        problems.add(new Problem(name, label + " must be a whole number from " + min + " to " + max + ", not '" + text
                + "'; leave it empty for the default" + (defaultValue > 0 ? " (" + defaultValue + ")" : "")));
        return defaultValue;
    }
}
