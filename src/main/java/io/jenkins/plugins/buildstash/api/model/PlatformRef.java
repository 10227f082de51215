package io.jenkins.plugins.buildstash.api.model;


/** The platform a custom target belongs to. */
public record PlatformRef(String identifier, String name) {}
