package io.jenkins.plugins.buildstash.api.model;


/** A CPU architecture such as `arm64v8`, identified by `identifier`. */
public record Architecture(String identifier, String name, String description) {}
