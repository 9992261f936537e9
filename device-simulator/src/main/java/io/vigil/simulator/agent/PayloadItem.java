package io.vigil.simulator.agent;

import com.fasterxml.jackson.databind.node.ObjectNode;

import java.util.Map;

/**
 * One entry of a snapshot's payload (a listening endpoint, a firewall rule, a user, ...), with its optional
 * {@code ExtraDetails}.
 *
 * @param <SELF> the concrete item type
 */
public abstract class PayloadItem<SELF extends PayloadItem<SELF>> {

    private final ExtraDetails extraDetails = new ExtraDetails();

    PayloadItem() {
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

    abstract void writeFields(ObjectNode item);

    final ObjectNode toJson() {
        ObjectNode item = AgentEvent.NODES.objectNode();
        writeFields(item);
        extraDetails.writeTo(item);
        return item;
    }

    @SuppressWarnings("unchecked")
    final SELF self() {
        return (SELF) this;
    }
}
