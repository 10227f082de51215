package io.jenkins.plugins.buildstash.api.model;


/** A stream of builds inside an application (`production`, `beta`...). */
public record Stream(String id, String name, String description, Integer retentionDays, String applicationId, String workspaceId, String createdAt, String updatedAt) {}
