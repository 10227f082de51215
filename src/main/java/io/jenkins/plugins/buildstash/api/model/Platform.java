package io.jenkins.plugins.buildstash.api.model;


/** A platform such as `android` or `windows`, identified by `identifier`. */
public record Platform(String identifier, String name, String shortName, String uploadInstruction) {}
