package io.jenkins.plugins.buildstash.api.model;


/** A label; `level` is application or workspace. Workspace labels carry no application id. */
public record Label(String id, String name, String description, String color, String level, String applicationId, String workspaceId, String createdAt, String updatedAt) {}
