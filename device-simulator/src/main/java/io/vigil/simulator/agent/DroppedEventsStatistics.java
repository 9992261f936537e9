package io.vigil.simulator.agent;

import com.fasterxml.jackson.databind.node.ObjectNode;

import java.util.Objects;

/** Periodic count of events the agent collected and had to drop, per priority queue. */
public final class DroppedEventsStatistics
        extends SnapshotEvent<DroppedEventsStatistics, DroppedEventsStatistics.QueueCounts> {

    DroppedEventsStatistics() {
        super("DroppedEventsStatistics", EventType.OPERATIONAL);
    }

    public enum Queue {
        HIGH("High"),
        LOW("Low");

        private final String wireName;

        Queue(String wireName) {
            this.wireName = wireName;
        }

        public String wireName() {
            return wireName;
        }
    }

    /** Shorthand for adding one queue's counts. */
    public DroppedEventsStatistics queue(Queue queue, long collectedEvents, long droppedEvents) {
        return add(new QueueCounts(queue, collectedEvents, droppedEvents));
    }

    /** The counts of one queue. */
    public static final class QueueCounts extends PayloadItem<QueueCounts> {

        private final Queue queue;
        private final long collectedEvents;
        private final long droppedEvents;

        public QueueCounts(Queue queue, long collectedEvents, long droppedEvents) {
            this.queue = Objects.requireNonNull(queue, "queue");
            this.collectedEvents = collectedEvents;
            this.droppedEvents = droppedEvents;
        }

        @Override
        void writeFields(ObjectNode item) {
            item.put("Queue", queue.wireName());
            item.put("CollectedEvents", collectedEvents);
            item.put("DroppedEvents", droppedEvents);
        }
    }
}
