package io.vigil.contracts.twins;

/**
 * The internal topic on which twin-service announces, after committing, the facts of a device twin that other
 * services act on. Today that is the device's security group ({@code tags.securityGroup}), which decides the custom
 * alert rules that detection-service applies to the device.
 */
public final class TwinFeed {

    public static final String SECURITY_GROUPS_ROOT = "vigil/v1/security-groups";

    private TwinFeed() {
    }

    public static String securityGroupTopic(String hubName, String deviceId) {
        return SECURITY_GROUPS_ROOT + "/" + hubName + "/" + deviceId;
    }
}
