package io.jenkins.plugins.buildstash.api.model;


/** A workspace member; `role` is owner, admin or member (other values are kept as sent). */
public record Member(String id, String name, String email, String profilePhotoUrl, String role, String addedAt) {}
