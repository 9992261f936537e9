package io.vigil.ingest.message;

import com.fasterxml.jackson.databind.node.ObjectNode;

import java.time.Instant;
import java.util.List;

/**
 * One event that passed validation.
 *
 * <p>The payload items are the parsed JSON objects themselves, not copies (copying would double the cost of a
 * message); treat them as read-only.
 *
 * @param index                position in {@code Events[]}
 * @param id                   the event's GUID, as sent
 * @param name                 the event type, e.g. {@code ProcessCreate}
 * @param category             periodic snapshot, triggered or aggregated
 * @param eventType            {@code Security}, {@code Operational} or {@code Diagnostic}
 * @param empty                the sender's {@code IsEmpty}
 * @param payloadSchemaVersion as sent; {@code 1.0} for every known event type
 * @param timestampUtc         the instant of {@code TimestampUTC}
 * @param timestampLocal       {@code TimestampLocal} exactly as sent (agents disagree on what "local" means)
 * @param payload              the payload items; empty for an empty snapshot or a Heartbeat
 */
public record SecurityEvent(int index, String id, String name, EventCategory category, String eventType,
        boolean empty, String payloadSchemaVersion, Instant timestampUtc, String timestampLocal,
        List<ObjectNode> payload) {

    public SecurityEvent {
        payload = List.copyOf(payload);
    }
}
