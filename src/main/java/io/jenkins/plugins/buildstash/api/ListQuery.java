package io.jenkins.plugins.buildstash.api;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Query parameters of the list routes: page size, sorting, search and filters. Immutable; each {@code with} returns a
 * copy. Which parameters a route accepts is in the OpenAPI description; the server answers 422 to a bad value.
 */
public final class ListQuery {

    public static final int DEFAULT_PER_PAGE = 15;
    public static final int MAX_PER_PAGE = 100;

    private final Map<String, String> params;

    private ListQuery(Map<String, String> params) {
        this.params = Map.copyOf(params);
    }

    public static ListQuery defaults() {
        return new ListQuery(Map.of());
    }

    /** 1 to 100. */
    public ListQuery perPage(int perPage) {
        if (perPage < 1 || perPage > MAX_PER_PAGE) {
            throw new IllegalArgumentException("per_page must be between 1 and " + MAX_PER_PAGE + ", got " + perPage);
        }
        return with("per_page", Integer.toString(perPage));
    }

    /** A field the route can sort by, such as {@code created_at} or {@code version}. */
    public ListQuery sortBy(String field) {
        return with("sort_by", field);
    }

    public ListQuery descending() {
        return with("sort", "desc");
    }

    public ListQuery ascending() {
        return with("sort", "asc");
    }

    public ListQuery search(String text) {
        return with("search", text);
    }

    /** A filter that takes one value or several, by id or name: {@code platforms}, {@code streams}, {@code labels}... */
    public ListQuery filter(String name, List<String> values) {
        return values == null || values.isEmpty() ? this : with(name, String.join(",", values));
    }

    /** The single-platform filter of {@code GET /applications}. */
    public ListQuery platform(String platform) {
        return with("platform", platform);
    }

    ListQuery page(int page) {
        return with("page", Integer.toString(page));
    }

    Map<String, String> params() {
        return params;
    }

    private ListQuery with(String name, String value) {
        Map<String, String> copy = new LinkedHashMap<>(params);
        if (value == null || value.isBlank()) {
            copy.remove(name);
        } else {
            copy.put(name, value);
        }
        return new ListQuery(copy);
    }

    @Override
    public String toString() {
        return "ListQuery" + params;
    }
}
