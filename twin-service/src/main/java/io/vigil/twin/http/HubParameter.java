package io.vigil.twin.http;

import io.vigil.contracts.hub.HubResourceId;

/**
 * The {@code ?hub=} parameter every twin-service API takes: a deployment may serve several hubs, each call addresses
 * one by its resource id, the configured default when it names none.
 */
public final class HubParameter {

    private HubParameter() {
    }

    public static String resolve(String requested, String defaultHub) {
        if (requested == null || requested.isBlank()) {
            return defaultHub;
        }
        try {
            return HubResourceId.parse(requested).toString();
        } catch (IllegalArgumentException e) {
            throw TwinApiException.invalid("hub: " + e.getMessage());
        }
    }
}
