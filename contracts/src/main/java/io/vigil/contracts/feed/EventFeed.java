package io.vigil.contracts.feed;

/**
 * The internal topic on which ingest-service publishes every accepted agent message, normalised, after its raw
 * events are committed. Version 1; a breaking change to {@link FeedMessage} gets a new version segment so that
 * old and new consumers can run side by side during an upgrade.
 */
public final class EventFeed {

    public static final String VERSION = "v1";
    public static final String TOPIC_ROOT = "vigil/" + VERSION + "/events";

    private EventFeed() {
    }

    /** {@code vigil/v1/events/<hubName>/<deviceId>}: one level per hub and device, so consumers can filter. */
    public static String topic(String hubName, String deviceId) {
        return TOPIC_ROOT + "/" + hubName + "/" + deviceId;
    }

    /** Shared subscription to the whole feed, for a consumer group whose replicas split the load. */
    public static String sharedSubscription(String group) {
        return "$share/" + group + "/" + TOPIC_ROOT + "/#";
    }
}
