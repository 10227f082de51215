package io.jenkins.plugins.buildstash.api.model;

import java.util.List;

/** A release: builds grouped under one version. Lists send `buildCount`; the single-release route sends `builds` and `notes`. */
public record Release(String id, String version, String versionShort, Integer versionSemanticMajor, Integer versionSemanticMinor, Integer versionSemanticPatch, String versionSemanticExtra, String versionSemanticMeta, String title, String notes, List<Label> labels, Integer buildCount, List<Build> builds, String applicationId, String workspaceId, String createdAt, String updatedAt) {}
