package io.vigil.twin.rest;

import com.fasterxml.jackson.databind.JsonNode;
import io.smallrye.mutiny.Uni;
import io.vertx.core.Future;
import io.vigil.twin.config.TwinConfig;
import io.vigil.twin.http.Answers;
import io.vigil.twin.http.HubParameter;
import io.vigil.twin.http.IfMatch;
import io.vigil.twin.http.TwinApiException;
import io.vigil.twin.store.TwinStore;
import io.vigil.twin.update.TwinChange;
import io.vigil.twin.update.TwinUpdater;
import io.vigil.platform.security.HubScope;
import jakarta.annotation.security.RolesAllowed;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.PATCH;
import jakarta.ws.rs.PUT;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;

/**
 * Twins in IoT Hub's REST shape: {@code /twins/{id}} and {@code /twins/{id}/modules/{moduleId}}. GET reads; PATCH
 * merges tags and desired properties, PUT replaces them, both under an optional {@code If-Match} on the twin's etag.
 * A deployment may serve several hubs; {@code ?hub=} picks one by resource id, the configured default otherwise.
 */
@Path("/twins")
@Produces(MediaType.APPLICATION_JSON)
public class TwinResource {

    private final TwinStore twins;
    private final TwinUpdater updater;
    private final TwinConfig config;

    private final HubScope scope;

    TwinResource(TwinStore twins, TwinUpdater updater, TwinConfig config, HubScope scope) {
        this.scope = scope;
        this.twins = twins;
        this.updater = updater;
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

    @PATCH
    @Path("/{id}")
    @Consumes(MediaType.APPLICATION_JSON)
    @RolesAllowed({"operator", "admin"})
    public Uni<Response> patchDeviceTwin(@PathParam("id") String deviceId, JsonNode body, @HeaderParam("If-Match") String ifMatch,
                                         @QueryParam("hub") String hub) {
        return change(hub, deviceId, "", TwinChange.parse(TwinChange.Kind.PATCH, body), ifMatch);
    }

    @PUT
    @Path("/{id}")
    @Consumes(MediaType.APPLICATION_JSON)
    @RolesAllowed({"operator", "admin"})
    public Uni<Response> replaceDeviceTwin(@PathParam("id") String deviceId, JsonNode body, @HeaderParam("If-Match") String ifMatch,
                                           @QueryParam("hub") String hub) {
        return change(hub, deviceId, "", TwinChange.parse(TwinChange.Kind.REPLACE, body), ifMatch);
    }

    @PATCH
    @Path("/{id}/modules/{moduleId}")
    @Consumes(MediaType.APPLICATION_JSON)
    @RolesAllowed({"operator", "admin"})
    public Uni<Response> patchModuleTwin(@PathParam("id") String deviceId, @PathParam("moduleId") String moduleId, JsonNode body,
                                         @HeaderParam("If-Match") String ifMatch, @QueryParam("hub") String hub) {
        return change(hub, deviceId, moduleId, TwinChange.parse(TwinChange.Kind.PATCH, body), ifMatch);
    }

    @PUT
    @Path("/{id}/modules/{moduleId}")
    @Consumes(MediaType.APPLICATION_JSON)
    @RolesAllowed({"operator", "admin"})
    public Uni<Response> replaceModuleTwin(@PathParam("id") String deviceId, @PathParam("moduleId") String moduleId, JsonNode body,
                                           @HeaderParam("If-Match") String ifMatch, @QueryParam("hub") String hub) {
        return change(hub, deviceId, moduleId, TwinChange.parse(TwinChange.Kind.REPLACE, body), ifMatch);
    }

    private Uni<Response> find(String hub, String deviceId, String moduleId) {
        return answer(twins.find(HubParameter.resolve(hub, config.defaultHub(), scope), deviceId, moduleId)
                .map(found -> found.orElseThrow(() -> TwinApiException.notFound(deviceId, moduleId))));
    }

    private Uni<Response> change(String hub, String deviceId, String moduleId, TwinChange change, String ifMatch) {
        return answer(updater.apply(HubParameter.resolve(hub, config.defaultHub(), scope), deviceId, moduleId, change, IfMatch.of(ifMatch)));
    }

    private static Uni<Response> answer(Future<JsonNode> twin) {
        return Answers.uni(twin)
                .map(found -> Response.ok(found).header("ETag", IfMatch.header(found.path("etag").asText())).build());
    }
}
