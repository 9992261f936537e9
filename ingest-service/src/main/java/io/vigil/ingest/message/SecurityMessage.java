package io.vigil.ingest.message;

import java.util.List;

/**
 * A v1 security message whose envelope passed validation, with the events that passed validation.
 *
 * @param agentId              the agent's GUID, as sent
 * @param agentVersion         e.g. {@code 0.0.5}
 * @param messageSchemaVersion always {@code 1.0}
 * @param events               the valid events, in the order they were sent (their {@link SecurityEvent#index()}
 *                             keeps the original position, gaps mark rejected events)
 */
public record SecurityMessage(String agentId, String agentVersion, String messageSchemaVersion,
        List<SecurityEvent> events) {

    public SecurityMessage {
        events = List.copyOf(events);
    }
}
