package io.jenkins.plugins.buildstash.api.model;


/** A custom distribution target (a paid-plan feature); `level` is workspace or application. */
public record CustomTarget(String id, String name, String description, String level, PlatformRef platform, String iconUrl, String applicationId, String workspaceId, String createdAt, String updatedAt) {}
