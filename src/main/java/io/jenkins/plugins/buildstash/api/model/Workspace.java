package io.jenkins.plugins.buildstash.api.model;


/** The workspace an API key belongs to (`GET /workspace`). */
public record Workspace(String id, String name, String subdomain, String logoUrl, String createdAt, String updatedAt) {}
