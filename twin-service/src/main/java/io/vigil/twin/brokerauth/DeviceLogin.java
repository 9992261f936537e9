package io.vigil.twin.brokerauth;

import io.vigil.contracts.hub.DeviceCredentials;
import io.vigil.contracts.hub.IdentityIds;

import java.util.Locale;
import java.util.Optional;

/**
 * Who an MQTT client says it is, in IoT Hub's convention: username {@code {host}/{deviceId}/?api-version=...} for a
 * device, {@code {host}/{deviceId}/{moduleId}/?api-version=...} for a module, and the client id equal to the device
 * id ({@code {deviceId}/{moduleId}} for a module). Only the claim: {@link DeviceAuthenticator} checks it.
 *
 * @param host     the host name the device connects to, lower-cased (the audience its SAS token must name)
 * @param moduleId '' for the device itself
 */
public record DeviceLogin(String host, String deviceId, String moduleId) {

    /** Reads a username; empty when it is not in IoT Hub's shape or names ids IoT Hub would refuse. */
    public static Optional<DeviceLogin> parse(String username) {
        if (username == null || username.isEmpty() || username.length() > 1024) {
            return Optional.empty();
        }
        String path = username;
        int query = path.indexOf("/?");
        if (query >= 0) {
            path = path.substring(0, query);
        } else if (path.endsWith("/")) {
            path = path.substring(0, path.length() - 1);
        }
        String[] parts = path.split("/", -1);
        if (parts.length < 2 || parts.length > 3 || parts[0].isEmpty() || !IdentityIds.isValid(parts[1])
                || (parts.length == 3 && !IdentityIds.isValid(parts[2]))) {
            return Optional.empty();
        }
        return Optional.of(new DeviceLogin(parts[0].toLowerCase(Locale.ROOT), parts[1], parts.length == 3 ? parts[2] : ""));
    }

    /** The MQTT client id IoT Hub requires of this identity. */
    public String expectedClientId() {
        return moduleId.isEmpty() ? deviceId : deviceId + "/" + moduleId;
    }

    /** The resource a SAS token of this identity must be scoped to. */
    public String resource() {
        return DeviceCredentials.resource(host, deviceId, moduleId);
    }

    /** The first label of the host, which names the hub when the device uses the hub's own host name. */
    public String hostLabel() {
        int dot = host.indexOf('.');
        return dot < 0 ? host : host.substring(0, dot);
    }
}
