package io.vigil.simulator.agent;

import com.fasterxml.jackson.databind.node.ObjectNode;

import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * An event about one thing that happened, so its payload is exactly one item. Process and connection events can
 * also be sent {@linkplain EventCategory#AGGREGATED aggregated}, as the agents do when aggregation is on.
 */
public abstract class TriggeredEvent<SELF extends TriggeredEvent<SELF>> extends AgentEvent<SELF> {

    private final ExtraDetails extraDetails = new ExtraDetails();
    private Aggregation aggregation;

    TriggeredEvent(String name, EventType eventType) {
        super(name, eventType);
    }

    /** Adds an {@code ExtraDetails} entry (values are strings on the wire). */
    public SELF extra(String key, String value) {
        extraDetails.put(key, value);
        return self();
    }

    public SELF extra(Map<String, String> details) {
        extraDetails.putAll(details);
        return self();
    }

    @Override
    public EventCategory category() {
        return aggregation == null ? EventCategory.TRIGGERED : EventCategory.AGGREGATED;
    }

    boolean isAggregated() {
        return aggregation != null;
    }

    SELF aggregate(int hitCount, Instant firstSeen, Instant lastSeen) {
        if (hitCount < 1) {
            throw new IllegalArgumentException("hitCount must be at least 1, got " + hitCount);
        }
        this.aggregation = new Aggregation(hitCount, Objects.requireNonNull(firstSeen), Objects.requireNonNull(lastSeen));
        return self();
    }

    /** Writes the type's own payload fields. */
    abstract void writeFields(ObjectNode item);

    @Override
    final List<ObjectNode> payloadItems(EventContext context) {
        ObjectNode item = NODES.objectNode();
        writeFields(item);
        ExtraDetails details = extraDetails;
        if (aggregation != null) {
            details = extraDetails.copy();
            aggregation.describeIn(details, context);
        }
        details.writeTo(item);
        return List.of(item);
    }

    /**
     * The window and count of an aggregated event. Written as strings, like the C# agent does; the C agent writes
     * {@code HitCount} as a number, which the schema would reject.
     */
    private record Aggregation(int hitCount, Instant firstSeen, Instant lastSeen) {

        void describeIn(ExtraDetails details, EventContext context) {
            details.put("HitCount", Integer.toString(hitCount));
            details.put("StartTimeLocal", context.local(firstSeen));
            details.put("StartTimeUtc", context.utc(firstSeen));
            details.put("EndTimeLocal", context.local(lastSeen));
            details.put("EndTimeUtc", context.utc(lastSeen));
        }
    }
}
