package io.jenkins.plugins.buildstash.api;

import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

/** HTTP 422: Buildstash rejected fields of the request. Keys are the API's field names ({@code primary_file.size_bytes}). */
public class ValidationException extends BuildstashException {

    private static final long serialVersionUID = 1L;

    private final Map<String, List<String>> fieldErrors;

    public ValidationException(String operation, String serverMessage, Map<String, List<String>> fieldErrors) {
        super(describe(operation, serverMessage, fieldErrors), operation, serverMessage, Failure.status(422, null));
        this.fieldErrors = Map.copyOf(fieldErrors);
    }

    public Map<String, List<String>> fieldErrors() {
        return fieldErrors;
    }

    private static String describe(String operation, String serverMessage, Map<String, List<String>> fieldErrors) {
        if (fieldErrors.isEmpty()) {
            return "Buildstash rejected " + operation + " (HTTP 422): "
                    + (serverMessage == null ? "no reason given" : serverMessage);
        }
        return "Buildstash rejected " + operation + " (HTTP 422): "
                + fieldErrors.entrySet().stream()
                        .map(e -> e.getKey() + ": " + String.join(" ", e.getValue()))
                        .collect(Collectors.joining("; "));
    }
}
