package io.vigil.contracts.findings;

/**
 * The internal topics on which detection-service publishes every raised or updated alert and every recommendation
 * change, after committing them; twin-service keeps the security module twin's tags from them.
 */
public final class FindingFeed {

    public static final String ALERTS_ROOT = "vigil/v1/alerts";
    public static final String RECOMMENDATIONS_ROOT = "vigil/v1/recommendations";

    private FindingFeed() {
    }

    public static String alertTopic(String hubName, String deviceId) {
        return ALERTS_ROOT + "/" + hubName + "/" + deviceId;
    }

    public static String recommendationTopic(String hubName, String deviceId) {
        return RECOMMENDATIONS_ROOT + "/" + hubName + "/" + deviceId;
    }
}
