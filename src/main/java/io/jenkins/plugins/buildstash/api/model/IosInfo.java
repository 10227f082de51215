package io.jenkins.plugins.buildstash.api.model;


/** What Buildstash read from an iOS build. */
public record IosInfo(String bundleId, String bundleName, String keyType, String minimumOs, String bundleVersion, String versionShortString, String provisioningProfileUuid, String provisioningProfileExpiry, String teamName, String teamIdentifier) {}
