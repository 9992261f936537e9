package io.vigil.twin.registry;

import com.fasterxml.jackson.databind.JsonNode;
import io.quarkus.security.identity.SecurityIdentity;
import io.smallrye.mutiny.Uni;
import io.vertx.core.Future;
import io.vigil.twin.config.TwinConfig;
import io.vigil.twin.securitygroups.SecurityGroupPublisher;
import io.vigil.twin.http.Answers;
import io.vigil.twin.http.HubParameter;
import io.vigil.twin.http.IfMatch;
import io.vigil.twin.http.TwinApiException;
import io.vigil.platform.security.HubScope;
import jakarta.annotation.security.RolesAllowed;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.PUT;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;

import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.List;

/**
 * The identity registry in IoT Hub's service REST shape: devices at {@code /devices/{id}}, their modules at
 * {@code /devices/{id}/modules/{moduleId}}, {@code If-Match} on writes, {@code ETag} on answers. Readers see
 * identities without their keys; only admins create, change, delete, renew keys and see them.
 */
@Path("/devices")
@Produces(MediaType.APPLICATION_JSON)
public class DeviceResource {

    static final int MAX_PAGE = 1000;
    private static final String ADMIN = "admin";

    private final RegistryStore registry;
    private final TwinConfig config;
    private final SecurityIdentity caller;
    private final SecurityGroupPublisher securityGroups;

    private final HubScope scope;

    DeviceResource(RegistryStore registry, TwinConfig config, SecurityIdentity caller, SecurityGroupPublisher securityGroups, HubScope scope) {
        this.scope = scope;
        this.registry = registry;
        this.config = config;
        this.caller = caller;
        this.securityGroups = securityGroups;
    }

    /** A page of the hub's devices in id order; {@code x-ms-continuation} in the answer asks for the next one. */
    @GET
    @RolesAllowed({"reader", "operator", "admin"})
    public Uni<Response> devices(@QueryParam("top") Integer top, @HeaderParam("x-ms-continuation") String continuation,
                                 @QueryParam("hub") String hub) {
        int limit = top == null ? MAX_PAGE : top;
        if (limit < 1 || limit > MAX_PAGE) {
            throw TwinApiException.invalid("top must be between 1 and " + MAX_PAGE);
        }
        String after = continuation == null || continuation.isBlank() ? "" : decode(continuation);
        boolean withKeys = caller.hasRole(ADMIN);
        return Answers.uni(registry.devices(hub(hub), after, limit)).map(page -> {
            Response.ResponseBuilder answer = Response.ok(page.stream().map(identity -> identity.toJson(withKeys)).toList());
            if (page.size() == limit) {
                answer.header("x-ms-continuation", encode(page.get(page.size() - 1).deviceId()));
            }
            return answer.build();
        });
    }

    @GET
    @Path("/{id}")
    @RolesAllowed({"reader", "operator", "admin"})
    public Uni<Response> device(@PathParam("id") String deviceId, @QueryParam("hub") String hub) {
        return found(registry.find(hub(hub), deviceId, "").map(f -> f.orElseThrow(() -> TwinApiException.notFound(deviceId, ""))));
    }

    @PUT
    @Path("/{id}")
    @Consumes(MediaType.APPLICATION_JSON)
    @RolesAllowed(ADMIN)
    public Uni<Response> putDevice(@PathParam("id") String deviceId, JsonNode body, @HeaderParam("If-Match") String ifMatch,
                                   @QueryParam("hub") String hub) {
        RegistryIds.require(deviceId, "");
        return found(registry.put(hub(hub), deviceId, "", IdentitySpec.parse(body, deviceId, ""), IfMatch.of(ifMatch), actor()));
    }

    @DELETE
    @Path("/{id}")
    @RolesAllowed(ADMIN)
    public Uni<Response> deleteDevice(@PathParam("id") String deviceId, @HeaderParam("If-Match") String ifMatch,
                                      @QueryParam("hub") String hub) {
        String resolved = hub(hub);
        // A deleted device is in no group; the same id created again starts its twin versions over.
        return Answers.uni(registry.delete(resolved, deviceId, "", IfMatch.of(ifMatch), actor())
                .compose(v -> securityGroups.forget(resolved, deviceId))).map(v -> Response.noContent().build());
    }

    @POST
    @Path("/{id}/renewKey")
    @RolesAllowed(ADMIN)
    public Uni<Response> renewDeviceKey(@PathParam("id") String deviceId, @QueryParam("keyType") String keyType,
                                        @QueryParam("hub") String hub) {
        return found(registry.renewKeys(hub(hub), deviceId, "", KeyRenewal.parse(keyType), actor()));
    }

    @GET
    @Path("/{id}/modules")
    @RolesAllowed({"reader", "operator", "admin"})
    public Uni<Response> modules(@PathParam("id") String deviceId, @QueryParam("hub") String hub) {
        String resolved = hub(hub);
        boolean withKeys = caller.hasRole(ADMIN);
        return Answers.uni(registry.find(resolved, deviceId, "").compose(device -> device.isEmpty()
                ? Future.<List<Identity>>failedFuture(TwinApiException.notFound(deviceId, ""))
                : registry.modules(resolved, deviceId)))
                .map(modules -> Response.ok(modules.stream().map(identity -> identity.toJson(withKeys)).toList()).build());
    }

    @GET
    @Path("/{id}/modules/{moduleId}")
    @RolesAllowed({"reader", "operator", "admin"})
    public Uni<Response> module(@PathParam("id") String deviceId, @PathParam("moduleId") String moduleId, @QueryParam("hub") String hub) {
        return found(registry.find(hub(hub), deviceId, moduleId).map(f -> f.orElseThrow(() -> TwinApiException.notFound(deviceId, moduleId))));
    }

    @PUT
    @Path("/{id}/modules/{moduleId}")
    @Consumes(MediaType.APPLICATION_JSON)
    @RolesAllowed(ADMIN)
    public Uni<Response> putModule(@PathParam("id") String deviceId, @PathParam("moduleId") String moduleId, JsonNode body,
                                   @HeaderParam("If-Match") String ifMatch, @QueryParam("hub") String hub) {
        RegistryIds.require(deviceId, moduleId);
        return found(registry.put(hub(hub), deviceId, moduleId, IdentitySpec.parse(body, deviceId, moduleId), IfMatch.of(ifMatch), actor()));
    }

    @DELETE
    @Path("/{id}/modules/{moduleId}")
    @RolesAllowed(ADMIN)
    public Uni<Response> deleteModule(@PathParam("id") String deviceId, @PathParam("moduleId") String moduleId,
                                      @HeaderParam("If-Match") String ifMatch, @QueryParam("hub") String hub) {
        return Answers.uni(registry.delete(hub(hub), deviceId, moduleId, IfMatch.of(ifMatch), actor())).map(v -> Response.noContent().build());
    }

    @POST
    @Path("/{id}/modules/{moduleId}/renewKey")
    @RolesAllowed(ADMIN)
    public Uni<Response> renewModuleKey(@PathParam("id") String deviceId, @PathParam("moduleId") String moduleId,
                                        @QueryParam("keyType") String keyType, @QueryParam("hub") String hub) {
        return found(registry.renewKeys(hub(hub), deviceId, moduleId, KeyRenewal.parse(keyType), actor()));
    }

    private Uni<Response> found(Future<Identity> identity) {
        boolean withKeys = caller.hasRole(ADMIN);
        return Answers.uni(identity).map(found -> Response.ok(found.toJson(withKeys)).header("ETag", IfMatch.header(found.etag())).build());
    }

    private String actor() {
        return caller.getPrincipal().getName();
    }

    private String hub(String requested) {
        return HubParameter.resolve(requested, config.defaultHub(), scope);
    }


    private static String encode(String deviceId) {
        return Base64.getUrlEncoder().withoutPadding().encodeToString(deviceId.getBytes(StandardCharsets.UTF_8));
    }

    private static String decode(String continuation) {
        try {
            return new String(Base64.getUrlDecoder().decode(continuation), StandardCharsets.UTF_8);
        } catch (IllegalArgumentException e) {
            throw TwinApiException.invalid("x-ms-continuation is not a continuation this API gave out");
        }
    }
}
