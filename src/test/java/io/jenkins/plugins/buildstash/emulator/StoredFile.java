package io.jenkins.plugins.buildstash.emulator;

/** Inspection view of a stored file: name, size and the SHA-256 of its bytes (null when bytes are not kept). */
public record StoredFile(String id, String filename, long sizeBytes, String sha256) {}
