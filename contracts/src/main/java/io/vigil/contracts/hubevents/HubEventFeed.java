package io.vigil.contracts.hubevents;

/**
 * The internal topic on which twin-service, which decides who may connect to the broker, reports what the hub saw
 * happen to a device's identity; detection-service turns the events into the hub's alerts (invalid or expired SAS
 * tokens, certificate thumbprint mismatches, expired certificates).
 */
public final class HubEventFeed {

    public static final String TOPIC_ROOT = "vigil/v1/hub-events";

    private HubEventFeed() {
    }

    public static String topic(String hubName, String deviceId) {
        return TOPIC_ROOT + "/" + hubName + "/" + deviceId;
    }
}
