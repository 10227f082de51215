package io.jenkins.plugins.buildstash.emulator;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;

/**
 * What list routes share: paging ({@code per_page} 1–100, default 15, and the undocumented {@code page}, G3), sort
 * direction and keys, comma-separated filters, and the two list envelopes.
 */
final class Lists {

    static final int DEFAULT_PER_PAGE = 15;
    static final int MAX_PER_PAGE = 100;

    private Lists() {}

    /** {@code {message, data:[...]}}: the unpaginated list envelope. */
    static <T> Response list(String message, List<T> items, Function<T, ? extends JsonNode> render) {
        ObjectNode body = Json.message(message);
        ArrayNode data = body.putArray("data");
        items.forEach(item -> data.add(render.apply(item)));
        return Json.response(200, body);
    }

    /**
     * {@code {message, data:[...], pagination:{...}}} for the page the call asks for.
     *
     * @throws ApiError 422 for a {@code per_page} outside 1–100 or a {@code page} below 1
     */
    static <T> Response page(ApiCall call, String message, List<T> items, Function<T, ? extends JsonNode> render) {
        int perPage = integer(call, "per_page", DEFAULT_PER_PAGE, 1, MAX_PER_PAGE,
                "The per page field must be between 1 and 100.");
        int page = integer(call, "page", 1, 1, Integer.MAX_VALUE, "The page field must be at least 1.");
        int total = items.size();
        int lastPage = Math.max(1, (total + perPage - 1) / perPage);
        int from = (int) Math.min((long) (page - 1) * perPage, total);
        int to = Math.min(from + perPage, total);
        ObjectNode body = Json.message(message);
        ArrayNode data = body.putArray("data");
        items.subList(from, to).forEach(item -> data.add(render.apply(item)));
        ObjectNode pagination = body.putObject("pagination")
                .put("current_page", page)
                .put("per_page", perPage)
                .put("total", total)
                .put("last_page", lastPage);
        if (from < to) {
            pagination.put("from", from + 1).put("to", to);
        } else {
            pagination.putNull("from").putNull("to");
        }
        return Json.response(200, body);
    }

    /**
     * Sorts by the {@code sort_by} key the call names (or {@code defaultKey}) in the {@code sort} direction.
     *
     * @throws ApiError 422 for an unknown key or direction
     */
    static <T> List<T> sorted(ApiCall call, List<T> items, Map<String, Comparator<T>> keys, String defaultKey) {
        String sortBy = call.query("sort_by") == null ? defaultKey : call.query("sort_by");
        Comparator<T> comparator = keys.get(sortBy);
        if (comparator == null) {
            throw ApiError.invalidFilter("The selected sort by is invalid. Allowed: " + String.join(", ", keys.keySet())
                    + ".");
        }
        String direction = call.query("sort") == null ? "asc" : call.query("sort");
        if (!direction.equals("asc") && !direction.equals("desc")) {
            throw ApiError.invalidFilter("The selected sort is invalid. Allowed: asc, desc.");
        }
        List<T> result = new ArrayList<>(items);
        result.sort(direction.equals("asc") ? comparator : comparator.reversed());
        return result;
    }

    /** The values of a comma-separated filter; empty when the parameter is absent. */
    static List<String> values(ApiCall call, String name) {
        String raw = call.query(name);
        if (raw == null || raw.isBlank()) {
            return List.of();
        }
        return Arrays.stream(raw.split(",")).map(String::trim).filter(v -> !v.isEmpty()).toList();
    }

    /** The item whose ID or exact name is {@code identifier} (how identifier path parameters and filters match). */
    static <T> Optional<T> byIdOrName(List<T> items, String identifier, Function<T, String> id, Function<T, String> name) {
        return items.stream()
                .filter(item -> id.apply(item).equals(identifier) || name.apply(item).equals(identifier))
                .findFirst();
    }

    /** Case-insensitive substring match, for {@code search}. */
    static boolean contains(String haystack, String needle) {
        return haystack != null && haystack.toLowerCase(java.util.Locale.ROOT)
                .contains(needle.toLowerCase(java.util.Locale.ROOT));
    }

    private static int integer(ApiCall call, String name, int fallback, int min, int max, String error) {
        String raw = call.query(name);
        if (raw == null) {
            return fallback;
        }
        try {
            int value = Integer.parseInt(raw.trim());
            if (value >= min && value <= max) {
                return value;
            }
        } catch (NumberFormatException e) {
            // fall through to the validation error
        }
        throw ApiError.invalidFilter(error);
    }
}
