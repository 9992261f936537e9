package io.vigil.simulator.agent;

import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;
import java.util.StringJoiner;

/**
 * The MQTT topic a device publishes its security messages to, IoT Hub style:
 * {@code devices/{deviceId}/messages/events/{property-bag}}.
 * <p>
 * The property bag marks the message as a security message with the interface id
 * {@code $.ifid=urn:azureiot:Security:SecurityAgent:1} and declares the body as UTF-8 JSON ({@code $.ct},
 * {@code $.ce}). Keys and values are URL-encoded, {@code $} included, so the bag reads
 * {@code %24.ifid=urn%3Aazureiot%3ASecurity%3ASecurityAgent%3A1&%24.ct=application%2Fjson&%24.ce=utf-8}.
 */
public final class DeviceTopic {

    public static final String SECURITY_INTERFACE_ID = "urn:azureiot:Security:SecurityAgent:1";

    private DeviceTopic() {
    }

    /** The security-message topic of a device. */
    public static String telemetry(String deviceId) {
        return telemetry(deviceId, Map.of());
    }

    /**
     * The security-message topic with extra application properties (e.g. {@code HubResourceId}) after the
     * system ones.
     */
    public static String telemetry(String deviceId, Map<String, String> applicationProperties) {
        checkDeviceId(deviceId);
        Map<String, String> bag = new LinkedHashMap<>();
        bag.put("$.ifid", SECURITY_INTERFACE_ID);
        bag.put("$.ct", "application/json");
        bag.put("$.ce", "utf-8");
        applicationProperties.forEach((key, value) -> {
            if (bag.containsKey(key)) {
                throw new IllegalArgumentException("property " + key + " is set by the topic itself");
            }
            bag.put(key, value);
        });
        StringJoiner properties = new StringJoiner("&");
        bag.forEach((key, value) -> properties.add(encode(key) + "=" + encode(value)));
        return "devices/" + deviceId + "/messages/events/" + properties;
    }

    /** The prefix every message of the device is published under, for subscriptions and checks. */
    public static String telemetryPrefix(String deviceId) {
        checkDeviceId(deviceId);
        return "devices/" + deviceId + "/messages/events/";
    }

    /** Percent-encoding as IoT Hub expects it: {@code $} as {@code %24}, a space as {@code %20}. */
    static String encode(String text) {
        return URLEncoder.encode(Objects.requireNonNull(text), StandardCharsets.UTF_8).replace("+", "%20");
    }

    private static void checkDeviceId(String deviceId) {
        Objects.requireNonNull(deviceId, "deviceId");
        if (deviceId.isEmpty() || deviceId.chars().anyMatch(c -> c == '/' || c == '+' || c == '#' || c == 0)) {
            throw new IllegalArgumentException("not a usable device id for a topic: '" + deviceId + "'");
        }
    }
}
