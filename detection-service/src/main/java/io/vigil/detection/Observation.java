package io.vigil.detection;

import com.fasterxml.jackson.databind.node.ObjectNode;

import java.time.Instant;

/**
 * One payload item of one agent event, as detection looks at it: which device, which event, when, and the item's
 * fields exactly as the agent sent them.
 */
public record Observation(String hub, String deviceId, String eventId, String eventName, Instant time, ObjectNode item) {

    /** A text field, empty when absent; numbers and booleans as their text. */
    public String text(String field) {
        var value = item.get(field);
        return value == null || value.isNull() ? "" : value.asText();
    }
}
