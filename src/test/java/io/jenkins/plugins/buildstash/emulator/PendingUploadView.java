package io.jenkins.plugins.buildstash.emulator;

import java.util.List;

/**
 * Inspection view of an upload that was requested: {@code kind} is {@code BUILD} or {@code METADATA}, {@code status}
 * {@code OPEN}, {@code VERIFIED} or {@code ABORTED}.
 */
public record PendingUploadView(
        String id, String applicationId, String kind, String status, List<String> filenames, int receivedParts) {}
