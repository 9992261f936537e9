package io.vigil.contracts.feed;

/**
 * The internal topic on which ingest-service publishes the accepted agent messages, normalised, after their raw
 * events are committed: one {@link FeedBatch} per written batch and hub, so that the broker carries a handful of
 * feed messages a second however many devices talk. A breaking change to the body gets a new version segment so
 * that old and new consumers can run side by side during an upgrade.
 * <p>
 * Version 2; version 1 published each agent message on a topic of its own ({@code vigil/v1/events/<hub>/<device>}),
 * which made the broker queue every agent message twice more for detection and twins.
 */
public final class EventFeed {

    public static final String VERSION = "v2";
    public static final String TOPIC_ROOT = "vigil/" + VERSION + "/events";

    private EventFeed() {
    }

    /** {@code vigil/v2/events/<hubName>}: one level per hub, so consumers can filter. */
    public static String topic(String hubName) {
        return TOPIC_ROOT + "/" + hubName;
    }

    /** Shared subscription to the whole feed, for a consumer group whose replicas split the load. */
    public static String sharedSubscription(String group) {
        return "$share/" + group + "/" + TOPIC_ROOT + "/#";
    }
}
