package io.jenkins.plugins.buildstash.api.model;


/** An application member; `role` is admin, developer, qa or readonly (other values are kept as sent). */
public record ApplicationMember(String id, String name, String email, String profilePhotoUrl, String role) {}
