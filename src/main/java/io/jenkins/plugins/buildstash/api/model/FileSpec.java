package io.jenkins.plugins.buildstash.api.model;

/** A file announced in an upload request: its base name and exact size. */
public record FileSpec(String filename, long sizeBytes) {}
