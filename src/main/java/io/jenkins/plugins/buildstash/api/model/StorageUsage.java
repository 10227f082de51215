package io.jenkins.plugins.buildstash.api.model;


/** Storage used by an application. */
public record StorageUsage(Long totalBytes, String totalString, Long hostedBytes, Long selfHostedBytes) {}
