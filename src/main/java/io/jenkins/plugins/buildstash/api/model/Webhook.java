package io.jenkins.plugins.buildstash.api.model;

import com.fasterxml.jackson.databind.JsonNode;

/** A webhook; `format` is json or form. */
public record Webhook(String id, String description, String url, String event, Boolean secretConfigured, String format, String level, Boolean isActive, Boolean inErrorState, String lastSuccessfulRequestAt, String lastFailedRequestAt, JsonNode eventSubscription, WebhookRequest latestWebhookRequest, String applicationId, String workspaceId, String createdAt, String updatedAt) {}
