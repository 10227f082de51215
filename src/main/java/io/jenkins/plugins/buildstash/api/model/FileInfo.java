package io.jenkins.plugins.buildstash.api.model;

import com.fasterxml.jackson.annotation.JsonAlias;
import com.fasterxml.jackson.databind.JsonNode;

/** A stored file of a build: primary, expansion or metadata artifact. The file-type object is passed through untyped. */
public record FileInfo(String id, String filename, long sizeBytes, String sizeString, String checksumMd5, @JsonAlias({"expansion_filetype", "metadata_filetype"}) JsonNode filetype, String buildId, String applicationId, String workspaceId, String createdAt, String updatedAt) {}
