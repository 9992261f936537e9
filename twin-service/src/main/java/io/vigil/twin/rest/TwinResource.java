package io.vigil.twin.rest;

import io.smallrye.mutiny.Uni;
import io.vigil.twin.config.TwinConfig;
import io.vigil.twin.store.TwinStore;
import jakarta.annotation.security.RolesAllowed;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;

import java.util.Map;

/**
 * Twins in IoT Hub's REST shape: {@code GET /twins/{id}} and {@code GET /twins/{id}/modules/{moduleId}}. A deployment
 * may serve several hubs; {@code ?hub=} picks one (by resource id), the configured default otherwise.
 */
@Path("/twins")
@Produces(MediaType.APPLICATION_JSON)
public class TwinResource {

    private final TwinStore twins;
    private final TwinConfig config;

    TwinResource(TwinStore twins, TwinConfig config) {
        this.twins = twins;
        this.config = config;
    }

    @GET
    @Path("/{id}")
    @RolesAllowed({"reader", "operator", "admin"})
    public Uni<Response> deviceTwin(@PathParam("id") String deviceId, @QueryParam("hub") String hub) {
        return find(hub, deviceId, "");
    }

    @GET
    @Path("/{id}/modules/{moduleId}")
    @RolesAllowed({"reader", "operator", "admin"})
    public Uni<Response> moduleTwin(@PathParam("id") String deviceId, @PathParam("moduleId") String moduleId,
                                    @QueryParam("hub") String hub) {
        return find(hub, deviceId, moduleId);
    }

    private Uni<Response> find(String hub, String deviceId, String moduleId) {
        String resolvedHub = hub == null || hub.isBlank() ? config.defaultHub() : hub;
        return Uni.createFrom().completionStage(twins.find(resolvedHub, deviceId, moduleId).toCompletionStage())
                .map(found -> found.map(twin -> Response.ok(twin).header("ETag", "\"" + twin.path("etag").asText() + "\"").build())
                        .orElseGet(() -> Response.status(404).entity(Map.of("error", Map.of("code", "DeviceNotFound",
                                "message", "no twin for device " + deviceId + (moduleId.isEmpty() ? "" : " module " + moduleId)))).build()));
    }
}
