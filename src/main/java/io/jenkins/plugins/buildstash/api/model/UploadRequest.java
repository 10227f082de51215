package io.jenkins.plugins.buildstash.api.model;

import com.fasterxml.jackson.annotation.JsonProperty;
import java.util.List;

/**
 * The body of {@code POST /upload/request}. Null fields and empty lists are left out of the JSON (the server rejects
 * empty strings for several of them); the version components are integers, as the spec types them.
 *
 * @param applicationId required with a workspace key, left out with an application key
 * @param structure {@code file} or {@code file+expansion}
 */
public record UploadRequest(
        String applicationId,
        String structure,
        String platform,
        String customTarget,
        String stream,
        String source,
        FileSpec primaryFile,
        List<FileSpec> expansionFiles,
        @JsonProperty("version_component_1_major") Integer versionMajor,
        @JsonProperty("version_component_2_minor") Integer versionMinor,
        @JsonProperty("version_component_3_patch") Integer versionPatch,
        @JsonProperty("version_component_extra") String versionExtra,
        @JsonProperty("version_component_meta") String versionMeta,
        String customBuildNumber,
        List<String> labels,
        List<String> architectures,
        String notes,
        String ciPipeline,
        String ciRunId,
        String ciRunUrl,
        String ciBuildDuration,
        String vcHostType,
        String vcHost,
        String vcRepoName,
        String vcRepoUrl,
        String vcBranch,
        String vcCommitSha,
        String vcCommitUrl) {

    public static final String STRUCTURE_FILE = "file";
    public static final String STRUCTURE_FILE_AND_EXPANSION = "file+expansion";
    public static final String SOURCE_JENKINS = "jenkins";
}
