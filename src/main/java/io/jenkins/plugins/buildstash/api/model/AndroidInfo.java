package io.jenkins.plugins.buildstash.api.model;


/** What Buildstash read from an Android build. */
public record AndroidInfo(String packageName, Integer minimumApi, Integer targetApi, String versionName, Integer versionCode, Boolean isDebuggable, Boolean packageSigned) {}
