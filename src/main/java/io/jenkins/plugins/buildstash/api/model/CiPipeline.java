package io.jenkins.plugins.buildstash.api.model;


/** The CI run that produced a build. */
public record CiPipeline(String ciPipelineName, String ciPipelineUrl, String ciRunId, String ciRunUrl, String ciBuildDuration) {}
