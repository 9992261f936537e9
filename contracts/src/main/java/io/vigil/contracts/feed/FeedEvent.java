package io.vigil.contracts.feed;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.quarkus.runtime.annotations.RegisterForReflection;

import java.time.Instant;
import java.util.List;

/**
 * One event of an agent message, with the names of the agent's format ({@code name} is e.g. {@code Login}).
 *
 * @param payload the payload items exactly as the agent sent them
 */
@RegisterForReflection
public record FeedEvent(String id, String name, String category, String eventType, boolean empty,
                        Instant timestampUtc, String timestampLocal, List<ObjectNode> payload) {
}
