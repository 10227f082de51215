package io.jenkins.plugins.buildstash.api.model;


/** Where a page sits in a list; `from` and `to` are null for an empty page. */
public record Pagination(int currentPage, int perPage, int total, int lastPage, Integer from, Integer to) {}
