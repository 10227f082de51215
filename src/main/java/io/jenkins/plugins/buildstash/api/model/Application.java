package io.jenkins.plugins.buildstash.api.model;


/** An application; `buildCount` is only sent by `GET /applications/{id}`. */
public record Application(String id, String name, String description, String iconUrl, Integer buildCount, Boolean customStoreEnabled, StorageUsage storageUsage, String workspaceId, String createdAt, String updatedAt) {}
