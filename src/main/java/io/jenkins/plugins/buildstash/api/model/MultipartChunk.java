package io.jenkins.plugins.buildstash.api.model;

import com.fasterxml.jackson.annotation.JsonProperty;

/** One uploaded part for {@code POST /upload/verify}: its number and the ETag storage returned, verbatim. */
public record MultipartChunk(@JsonProperty("PartNumber") int partNumber, @JsonProperty("ETag") String etag) {}
