package io.vigil.detection.http;

import io.vigil.platform.security.HubScope;
import jakarta.ws.rs.WebApplicationException;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;

import java.util.Map;

/**
 * The answer to a caller whose token's hubs claim does not name the hub a request is about: 403
 * {@code hub.forbidden}, the same for alerts, suppression rules and security groups.
 */
public final class HubAccess {

    private HubAccess() {
    }

    public static Response forbidden(String hub) {
        return Response.status(403).type(MediaType.APPLICATION_JSON).entity(Map.of("error", Map.of("code", "hub.forbidden",
                "message", hub == null ? "every hub is more than the token's hubs" : "the token does not allow hub " + hub))).build();
    }

    /** Ends the request with {@link #forbidden} unless the caller may reach {@code hub}. */
    public static void require(HubScope scope, String hub) {
        if (!scope.allows(hub)) {
            throw new WebApplicationException(forbidden(hub));
        }
    }
}
