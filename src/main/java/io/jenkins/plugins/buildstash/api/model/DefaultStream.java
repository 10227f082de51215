package io.jenkins.plugins.buildstash.api.model;


/** A stream template that every new application of the workspace receives. */
public record DefaultStream(String id, String name, String description, Integer retentionDays, String createdAt, String updatedAt) {}
