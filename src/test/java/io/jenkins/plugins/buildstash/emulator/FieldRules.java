package io.jenkins.plugins.buildstash.emulator;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * Laravel-style validation of a JSON body: every rule runs, errors collect per (dotted) field name, and the first
 * problem of a field wins. Like Laravel's ConvertEmptyStringsToNull middleware, {@code ""} counts as absent (the
 * official clients send {@code ""} for unset inputs), and like its {@code integer} rule, a numeric string counts as an
 * integer (clients send version components as strings, G18).
 */
final class FieldRules {

    private static final Pattern INTEGER = Pattern.compile("-?\\d{1,18}");

    private final Map<String, List<String>> errors = new LinkedHashMap<>();

    boolean hasErrors() {
        return !errors.isEmpty();
    }

    Map<String, List<String>> errors() {
        return errors;
    }

    boolean failed(String field) {
        return errors.containsKey(field);
    }

    void fail(String field, String message) {
        errors.computeIfAbsent(field, k -> new ArrayList<>()).add(message);
    }

    static boolean absent(JsonNode node) {
        return node == null || node.isNull() || node.isMissingNode() || (node.isTextual() && node.asText().isEmpty());
    }

    /** A string of at most {@code maxLength} characters matching {@code pattern} (null: any); null when absent. */
    String string(JsonNode parent, String field, String name, boolean required, int maxLength, Pattern pattern) {
        JsonNode node = parent.get(field);
        if (absent(node)) {
            if (required) {
                fail(name, "The " + name + " field is required.");
            }
            return null;
        }
        if (!node.isTextual()) {
            fail(name, "The " + name + " field must be a string.");
            return null;
        }
        String value = node.asText();
        // Laravel's max: on a string is mb_strlen: Unicode characters, not UTF-16 units.
        if (value.codePointCount(0, value.length()) > maxLength) {
            fail(name, "The " + name + " field must not be greater than " + maxLength + " characters.");
            return null;
        }
        if (pattern != null && !pattern.matcher(value).matches()) {
            fail(name, "The " + name + " field format is invalid.");
            return null;
        }
        return value;
    }

    /** An optional free string with no limit. */
    String string(JsonNode parent, String field) {
        return string(parent, field, field, false, Integer.MAX_VALUE, null);
    }

    /** An integer within {@code min..max}; null when absent or invalid. */
    Long integer(JsonNode parent, String field, String name, boolean required, long min, long max) {
        JsonNode node = parent.get(field);
        if (absent(node)) {
            if (required) {
                fail(name, "The " + name + " field is required.");
            }
            return null;
        }
        Long value = null;
        if (node.isIntegralNumber() && node.canConvertToLong()) {
            value = node.longValue();
        } else if (node.isTextual() && INTEGER.matcher(node.asText()).matches()) {
            value = Long.parseLong(node.asText());
        }
        if (value == null) {
            fail(name, "The " + name + " field must be an integer.");
            return null;
        }
        if (value < min || value > max) {
            fail(name, "The " + name + " field must be between " + min + " and " + max + ".");
            return null;
        }
        return value;
    }

    /** One of {@code allowed}; null when absent or invalid. */
    String oneOf(JsonNode parent, String field, boolean required, Set<String> allowed) {
        String value = string(parent, field, field, required, Integer.MAX_VALUE, null);
        if (value != null && !allowed.contains(value)) {
            fail(field, "The selected " + field + " is invalid.");
            return null;
        }
        return value;
    }

    /** An array of at most {@code maxItems} strings; empty when absent, null when invalid. */
    List<String> strings(JsonNode parent, String field, int maxItems) {
        JsonNode node = parent.get(field);
        if (absent(node)) {
            return List.of();
        }
        if (!node.isArray()) {
            fail(field, "The " + field + " field must be an array.");
            return null;
        }
        if (node.size() > maxItems) {
            fail(field, "The " + field + " field must not have more than " + maxItems + " items.");
            return null;
        }
        List<String> values = new ArrayList<>();
        for (int i = 0; i < node.size(); i++) {
            JsonNode item = node.get(i);
            if (!item.isTextual() || item.asText().isEmpty()) {
                fail(field + "." + i, "The " + field + "." + i + " field must be a string.");
            } else {
                values.add(item.asText());
            }
        }
        return values;
    }
}
