package io.vigil.simulator.agent;

import com.fasterxml.jackson.databind.node.ObjectNode;

import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * A periodic snapshot of some state (listening ports, users, firewall rules, ...): a list of items, possibly
 * empty, in which case the event goes out with {@code IsEmpty: true} and an empty payload as the schema requires.
 *
 * @param <SELF> the concrete builder
 * @param <ITEM> the type of one payload item
 */
public abstract class SnapshotEvent<SELF extends SnapshotEvent<SELF, ITEM>, ITEM extends PayloadItem<ITEM>>
        extends AgentEvent<SELF> {

    private final List<ITEM> items = new ArrayList<>();

    SnapshotEvent(String name, EventType eventType) {
        super(name, eventType);
    }

    /** Adds one item to the snapshot. */
    public SELF add(ITEM item) {
        items.add(Objects.requireNonNull(item, "item"));
        return self();
    }

    public SELF addAll(Iterable<? extends ITEM> more) {
        more.forEach(this::add);
        return self();
    }

    public List<ITEM> items() {
        return List.copyOf(items);
    }

    @Override
    public EventCategory category() {
        return EventCategory.PERIODIC;
    }

    @Override
    final List<ObjectNode> payloadItems(EventContext context) {
        return items.stream().map(PayloadItem::toJson).toList();
    }
}
