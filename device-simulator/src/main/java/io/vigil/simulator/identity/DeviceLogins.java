package io.vigil.simulator.identity;

import io.vigil.contracts.hub.DeviceCredentials;

import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.Optional;

/**
 * How each simulated device logs in when the broker checks device identities: IoT Hub's username and a SAS token
 * signed with the device's registry key, made afresh at every connection so long runs never use an expired one.
 */
public final class DeviceLogins {

    private static final Duration TOKEN_LIFETIME = Duration.ofHours(24);

    private final String host;
    private final Map<String, String> keys;

    public DeviceLogins(String host, Map<String, String> keys) {
        this.host = host;
        this.keys = Map.copyOf(keys);
    }

    public Optional<String> username(String deviceId) {
        return keys.containsKey(deviceId) ? Optional.of(DeviceCredentials.username(host, deviceId, "")) : Optional.empty();
    }

    public Optional<String> password(String deviceId) {
        String key = keys.get(deviceId);
        return key == null ? Optional.empty() : Optional.of(DeviceCredentials.sasToken(DeviceCredentials.resource(host, deviceId, ""),
                key, Instant.now().plus(TOKEN_LIFETIME)));
    }

    public int size() {
        return keys.size();
    }
}
