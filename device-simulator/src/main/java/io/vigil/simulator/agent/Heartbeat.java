package io.vigil.simulator.agent;

import com.fasterxml.jackson.databind.node.ObjectNode;

import java.util.List;

/**
 * An always-empty periodic "still alive" event, as the early Azure RTOS security module sent in v1 JSON.
 * It is not one of the event types the published JSON Schema lists, so a strict schema check rejects a message
 * that carries it; the simulator never sends it on its own. It is here for tests of a lenient backend.
 */
public final class Heartbeat extends AgentEvent<Heartbeat> {

    Heartbeat() {
        super("Heartbeat", EventType.SECURITY);
    }

    @Override
    public EventCategory category() {
        return EventCategory.PERIODIC;
    }

    @Override
    List<ObjectNode> payloadItems(EventContext context) {
        return List.of();
    }
}
