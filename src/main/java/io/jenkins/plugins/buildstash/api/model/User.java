package io.jenkins.plugins.buildstash.api.model;


/** A Buildstash user (`GET /users/{user_id}`). */
public record User(String id, String name, String email, String profilePhotoUrl) {}
