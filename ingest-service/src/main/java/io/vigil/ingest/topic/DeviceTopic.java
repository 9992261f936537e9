package io.vigil.ingest.topic;

import io.vigil.contracts.hub.IdentityIds;

import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

/**
 * A device-to-cloud topic in IoT Hub's convention: {@code devices/{deviceId}/messages/events/{property-bag}} or
 * {@code devices/{deviceId}/modules/{moduleId}/messages/events/{property-bag}}, the property bag being URL-encoded
 * {@code key=value} pairs joined by {@code &}. The device id is taken from here, never from the body.
 */
public record DeviceTopic(String deviceId, Optional<String> moduleId, Map<String, String> properties) {

    /** The interface id that marks a security message. */
    public static final String SECURITY_INTERFACE_ID = "urn:azureiot:Security:SecurityAgent:1";

    /** Parses a topic below the hub's prefix; empty when the topic is not a device-to-cloud topic. */
    public static Optional<DeviceTopic> parse(String topic) {
        String[] levels = topic.split("/", -1);
        if (levels.length < 4 || !levels[0].equals("devices") || levels[1].isEmpty()) {
            return Optional.empty();
        }
        // Ids are used as they stand: IoT Hub allows '%' in them, so they are not URL-decoded.
        String deviceId = levels[1];
        if (levels[2].equals("messages") && levels[3].equals("events")) {
            return Optional.of(new DeviceTopic(deviceId, Optional.empty(), propertyBag(levels, 4)));
        }
        if (levels.length >= 6 && levels[2].equals("modules") && !levels[3].isEmpty()
                && levels[4].equals("messages") && levels[5].equals("events")) {
            return Optional.of(new DeviceTopic(deviceId, Optional.of(levels[3]), propertyBag(levels, 6)));
        }
        return Optional.empty();
    }

    /** True when the device and module ids use only the characters IoT Hub allows, at most 128 of them. */
    public boolean hasValidIds() {
        return IdentityIds.isValid(deviceId) && moduleId.map(IdentityIds::isValid).orElse(true);
    }

    /** True when the property bag carries the security agent's interface id. */
    public boolean isSecurityMessage() {
        return SECURITY_INTERFACE_ID.equals(properties.get("$.ifid"));
    }

    private static Map<String, String> propertyBag(String[] levels, int from) {
        Map<String, String> properties = new LinkedHashMap<>();
        if (levels.length <= from) {
            return properties;
        }
        // The bag is one level, but a device may end the topic with a slash or put '/' unencoded in a value.
        String bag = String.join("/", java.util.Arrays.copyOfRange(levels, from, levels.length));
        for (String pair : bag.split("&")) {
            if (pair.isEmpty()) {
                continue;
            }
            int equals = pair.indexOf('=');
            String key = decode(equals < 0 ? pair : pair.substring(0, equals));
            String value = equals < 0 ? "" : decode(pair.substring(equals + 1));
            properties.put(key, value);
        }
        return properties;
    }

    private static String decode(String value) {
        try {
            return URLDecoder.decode(value, StandardCharsets.UTF_8);
        } catch (IllegalArgumentException e) {
            return value;
        }
    }
}
