package io.jenkins.plugins.buildstash.emulator;

import java.util.List;

/** Inspection view of a build the emulator holds, with its files. */
public record StoredBuild(
        String id,
        String applicationId,
        String platform,
        String stream,
        String version,
        boolean pending,
        StoredFile primary,
        List<StoredFile> expansions,
        List<StoredFile> metadataArtifacts) {}
