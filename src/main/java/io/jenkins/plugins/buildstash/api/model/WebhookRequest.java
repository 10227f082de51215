package io.jenkins.plugins.buildstash.api.model;

import com.fasterxml.jackson.databind.JsonNode;

/** The latest delivery of a webhook; signature headers come back redacted by Buildstash. */
public record WebhookRequest(String id, String event, String url, Double duration, JsonNode requestHeaders, JsonNode requestPayload, Integer responseCode, JsonNode responseHeaders, String responsePayload, Integer deliveryAttempts, String createdAt) {}
