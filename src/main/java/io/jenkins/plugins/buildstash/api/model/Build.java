package io.jenkins.plugins.buildstash.api.model;

import java.util.List;

/** A build. Files, platform info and owner ids are only sent by the single-build route; lists leave them null. */
public record Build(String id, String buildStructure, String version, String versionShort, Integer versionSemanticMajor, Integer versionSemanticMinor, Integer versionSemanticPatch, String versionSemanticExtra, String versionSemanticMeta, String buildNumber, Platform platform, Stream stream, List<Label> labels, List<Architecture> architectures, String notes, Long sizeTotalBytes, String sizeTotalString, Long metadataTotalBytes, FileInfo primaryFile, List<FileInfo> expansionFiles, List<FileInfo> metadataArtifacts, IosInfo iosInfo, AndroidInfo androidInfo, String buildSource, CiPipeline ciPipeline, Scm scm, boolean pending, String modalUrl, String downloadUrl, String applicationId, String workspaceId, String builtAt, String createdAt, String updatedAt) {}
