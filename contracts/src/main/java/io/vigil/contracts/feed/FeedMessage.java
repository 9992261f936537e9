package io.vigil.contracts.feed;

import io.quarkus.runtime.annotations.RegisterForReflection;

import java.time.Instant;
import java.util.List;

/**
 * One accepted agent message as detection sees it: who sent it, and its valid events with their payloads.
 * Event ids are the identity a consumer uses to recognise a redelivery.
 *
 * @param hub      the hub's resource id
 * @param deviceId from the topic, never from the body
 * @param moduleId the module that sent it, or null for the device itself
 */
@RegisterForReflection
public record FeedMessage(String hub, String deviceId, String moduleId, String agentId,
                          String agentVersion, Instant receivedAt, List<FeedEvent> events) {
}
