package io.vigil.contracts.hub;

import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The Azure-style resource id that every record carries for its hub:
 * {@code /subscriptions/<sub>/resourceGroups/<rg>/providers/Microsoft.Devices/IotHubs/<hub>}.
 */
public record HubResourceId(String subscriptionId, String resourceGroup, String hubName) {

    private static final Pattern SHAPE = Pattern.compile(
            "^/subscriptions/([^/]+)/resourceGroups/([^/]+)/providers/Microsoft\\.Devices/IotHubs/([^/]+)$",
            Pattern.CASE_INSENSITIVE);

    public HubResourceId {
        requirePlain(subscriptionId, "subscription id");
        requirePlain(resourceGroup, "resource group");
        requirePlain(hubName, "hub name");
    }

    public static HubResourceId parse(String resourceId) {
        Matcher matcher = SHAPE.matcher(resourceId == null ? "" : resourceId.trim());
        if (!matcher.matches()) {
            throw new IllegalArgumentException("not an IoT hub resource id: " + resourceId
                    + " (expected /subscriptions/<sub>/resourceGroups/<rg>/providers/Microsoft.Devices/IotHubs/<hub>)");
        }
        return new HubResourceId(matcher.group(1), matcher.group(2), matcher.group(3));
    }

    @Override
    public String toString() {
        return "/subscriptions/" + subscriptionId + "/resourceGroups/" + resourceGroup
                + "/providers/Microsoft.Devices/IotHubs/" + hubName;
    }

    private static void requirePlain(String value, String what) {
        if (value == null || value.isBlank() || value.contains("/")) {
            throw new IllegalArgumentException("invalid " + what + ": " + value);
        }
    }
}
