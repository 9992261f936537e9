package io.vigil.ingest.message;

import java.util.Set;

/**
 * What one event type ({@code Name}) demands beyond the generic event fields.
 *
 * @param name       the {@code Name} on the wire
 * @param categories the allowed categories; every type the schema marks Triggered also allows Aggregated
 * @param eventType  the only allowed {@code EventType}, or null if any generic one will do
 * @param payload    the shape of each payload item, or null for a type that never has a payload (Heartbeat)
 */
record EventTypeSpec(String name, Set<EventCategory> categories, String eventType, PayloadItemSpec payload) {

    EventTypeSpec {
        categories = Set.copyOf(categories);
    }

    /** Heartbeat-like types: always an empty periodic event. */
    boolean alwaysEmpty() {
        return payload == null;
    }
}
