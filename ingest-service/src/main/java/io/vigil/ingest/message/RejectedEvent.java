package io.vigil.ingest.message;

import com.fasterxml.jackson.databind.JsonNode;

import java.util.List;

/**
 * An event that broke at least one rule, kept whole so that it can be stored and inspected.
 *
 * @param index   position in {@code Events[]}
 * @param event   the event's JSON exactly as parsed (any JSON value, not necessarily an object)
 * @param reasons every problem found in it (at least one)
 */
public record RejectedEvent(int index, JsonNode event, List<Rejection> reasons) {

    public RejectedEvent {
        reasons = List.copyOf(reasons);
    }
}
