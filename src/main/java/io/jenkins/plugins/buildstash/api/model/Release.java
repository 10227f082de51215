package io.jenkins.plugins.buildstash.api.model;

import com.fasterxml.jackson.annotation.JsonAlias;
import java.util.List;

/**
 * A release: builds grouped under one version. Lists send `buildCount`; the single-release route sends `builds` and
 * `notes`. The API has no link to the release's web page today; `modalUrl` reads one if the server starts sending it
 * (as `modal_url`, like builds, or `url` / `web_url`), and is null until then.
 */
public record Release(String id, String version, String versionShort, Integer versionSemanticMajor, Integer versionSemanticMinor, Integer versionSemanticPatch, String versionSemanticExtra, String versionSemanticMeta, String title, String notes, List<Label> labels, Integer buildCount, List<Build> builds, String applicationId, String workspaceId, String createdAt, String updatedAt, @JsonAlias({"url", "web_url"}) String modalUrl) {}
