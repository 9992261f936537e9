package io.vigil.simulator.agent;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;

import java.time.Instant;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.UUID;

/**
 * One event of an agent message: the generic envelope fields (id, timestamps, category, name, type) around a
 * type-specific payload. Subclasses are fluent builders, one per event type; get them from {@link Events}.
 * <p>
 * An event without an explicit {@link #id(UUID) id} or {@link #at(Instant) time} takes them from the message it
 * is added to when the message is written, so a seeded message produces the same ids every time.
 *
 * @param <SELF> the concrete builder, so that fluent calls keep their type
 */
public abstract class AgentEvent<SELF extends AgentEvent<SELF>> {

    static final JsonNodeFactory NODES = JsonNodeFactory.instance;

    private final String name;
    private final EventType eventType;
    private UUID id;
    private Instant time;

    AgentEvent(String name, EventType eventType) {
        this.name = name;
        this.eventType = eventType;
    }

    /** Fixes the event's {@code Id}; otherwise the message assigns one. */
    public SELF id(UUID id) {
        this.id = Objects.requireNonNull(id, "id");
        return self();
    }

    /** When the event happened; otherwise the message's clock decides when it is written. */
    public SELF at(Instant time) {
        this.time = Objects.requireNonNull(time, "time");
        return self();
    }

    /** The {@code Name} field, e.g. {@code ProcessCreate}. */
    public String name() {
        return name;
    }

    public EventType eventType() {
        return eventType;
    }

    public abstract EventCategory category();

    public Optional<Instant> time() {
        return Optional.ofNullable(time);
    }

    /** The payload items as they go on the wire; empty only for an empty snapshot. */
    abstract List<ObjectNode> payloadItems(EventContext context);

    ObjectNode toJson(EventContext context) {
        List<ObjectNode> items = payloadItems(context);
        if (items.isEmpty() && category() != EventCategory.PERIODIC) {
            // The schema only lets periodic snapshots be empty.
            throw new IllegalStateException(name + " is a " + category().wireName() + " event and needs a payload");
        }
        Instant when = time != null ? time : context.now();
        ObjectNode event = NODES.objectNode();
        event.put("Id", (id != null ? id : context.nextId()).toString());
        event.put("TimestampLocal", context.local(when));
        event.put("TimestampUTC", context.utc(when));
        event.put("Category", category().wireName());
        event.put("Name", name);
        event.put("EventType", eventType.wireName());
        event.put("IsEmpty", items.isEmpty());
        event.put("PayloadSchemaVersion", "1.0");
        ArrayNode payload = event.putArray("Payload");
        payload.addAll(items);
        return event;
    }

    /** Optional fields are left out rather than written as null, as the agents do. */
    static void putIfSet(ObjectNode node, String field, String value) {
        if (value != null) {
            node.put(field, value);
        }
    }

    @SuppressWarnings("unchecked")
    final SELF self() {
        return (SELF) this;
    }
}
