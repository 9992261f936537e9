package io.vigil.ingest;

import java.time.Instant;

/**
 * One row of {@code SecurityIoTRawEvent}: one payload item of one agent event (an empty snapshot is one row with
 * payload index 0). Its key (hub, device, event id, payload index, time) makes a repeated delivery a no-op.
 */
public record RawEvent(Instant timeStamp, String hubResourceId, String deviceId, String eventId, int payloadIndex,
                       String name, String category, String eventType, boolean empty, String agentVersion,
                       String agentId, String moduleId, String subscriptionId, String eventDetails) {
}
