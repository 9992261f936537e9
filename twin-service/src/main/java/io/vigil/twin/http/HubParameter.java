package io.vigil.twin.http;

import io.vigil.contracts.hub.HubResourceId;
import io.vigil.platform.security.HubScope;

/**
 * The {@code ?hub=} parameter every twin-service API takes: a deployment may serve several hubs, each call addresses
 * one by its resource id, the configured default when it names none. A caller whose token is limited to some hubs
 * ({@link HubScope}) is refused every other with 403; since every call, twin queries included, reads and changes
 * one hub only, this one check keeps such a caller within its hubs.
 */
public final class HubParameter {

    private HubParameter() {
    }

    public static String resolve(String requested, String defaultHub, HubScope scope) {
        String hub = resolve(requested, defaultHub);
        if (!scope.allows(hub)) {
            throw new TwinApiException(403, "Forbidden", "the token does not allow hub " + hub);
        }
        return hub;
    }

    private static String resolve(String requested, String defaultHub) {
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
