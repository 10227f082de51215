package io.jenkins.plugins.buildstash.api.model;

import java.util.List;

/** One page of a paginated list. */
public record Page<T>(List<T> data, Pagination pagination) {
    public Page {
        data = data == null ? List.of() : List.copyOf(data);
    }
}
