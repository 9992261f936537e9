package io.vigil.contracts.hubevents;

/**
 * The internal topic on which twin-service, which decides who may connect to the broker and keeps the hub's
 * certificates, reports what the hub saw happen; detection-service turns the events into the hub's alerts (invalid
 * or expired SAS tokens, certificate thumbprint mismatches, expired certificates, CA certificates added or deleted).
 */
public final class HubEventFeed {

    public static final String TOPIC_ROOT = "vigil/v1/hub-events";

    private HubEventFeed() {
    }

    /** A device's events; a hub-wide event (deviceId '') goes to the hub's own topic. */
    public static String topic(String hubName, String deviceId) {
        return deviceId.isEmpty() ? TOPIC_ROOT + "/" + hubName : TOPIC_ROOT + "/" + hubName + "/" + deviceId;
    }
}
