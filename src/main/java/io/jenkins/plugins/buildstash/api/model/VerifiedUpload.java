package io.jenkins.plugins.buildstash.api.model;

/**
 * The answer to {@code POST /upload/verify}: the new build. {@code buildInfoUrl} and {@code downloadUrl} are web-app
 * pages that need a Buildstash login, not direct downloads; {@code pendingProcessing} is normal for iOS and Android.
 */
public record VerifiedUpload(
        String message, String buildId, boolean pendingProcessing, String buildInfoUrl, String downloadUrl) {}
