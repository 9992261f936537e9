package io.vigil.detection.customalerts;

import com.fasterxml.jackson.databind.JsonNode;
import io.quarkus.security.identity.SecurityIdentity;
import io.smallrye.mutiny.Uni;
import io.vigil.platform.rest.Unis;
import io.vigil.contracts.hub.HubResourceId;
import io.vigil.detection.http.HubAccess;
import io.vigil.platform.security.HubScope;
import jakarta.annotation.security.RolesAllowed;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.PUT;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;

import java.util.Map;

/**
 * Device security groups over HTTP, at the reference's resource path under the hub's resource id:
 * {@code /subscriptions/{s}/resourceGroups/{rg}/providers/Microsoft.Devices/IotHubs/{hub}/providers/Microsoft.Security/deviceSecurityGroups[/{name}]}.
 * PUT creates or replaces a group (operators; audited), GET lists or reads (readers), DELETE removes (operators).
 * An invalid group is a 400 with the reason.
 */
@Path("/subscriptions/{subscription}/resourceGroups/{resourceGroup}/providers/Microsoft.Devices/IotHubs/{hubName}/providers/Microsoft.Security/deviceSecurityGroups")
@Produces(MediaType.APPLICATION_JSON)
public class SecurityGroupResource {

    private final SecurityGroupStore store;
    private final SecurityIdentity caller;

    private final HubScope scope;

    SecurityGroupResource(SecurityGroupStore store, SecurityIdentity caller, HubScope scope) {
        this.scope = scope;
        this.store = store;
        this.caller = caller;
    }

    @GET
    @RolesAllowed({"reader", "operator", "admin"})
    public Uni<Response> list(@PathParam("subscription") String subscription, @PathParam("resourceGroup") String resourceGroup,
                              @PathParam("hubName") String hubName) {
        String hub = hub(subscription, resourceGroup, hubName);
        return Unis.from(store.list(hub)).map(groups -> Response.ok(Map.of("value", groups.stream().map(DeviceSecurityGroup::toJson).toList())).build());
    }

    @GET
    @Path("/{name}")
    @RolesAllowed({"reader", "operator", "admin"})
    public Uni<Response> get(@PathParam("subscription") String subscription, @PathParam("resourceGroup") String resourceGroup,
                             @PathParam("hubName") String hubName, @PathParam("name") String name) {
        String hub = hub(subscription, resourceGroup, hubName);
        return Unis.from(store.find(hub, name)).map(found -> found.map(group -> Response.ok(group.toJson()).build())
                .orElseGet(() -> unknown(name)));
    }

    @PUT
    @Path("/{name}")
    @Consumes(MediaType.APPLICATION_JSON)
    @RolesAllowed({"operator", "admin"})
    public Uni<Response> put(@PathParam("subscription") String subscription, @PathParam("resourceGroup") String resourceGroup,
                             @PathParam("hubName") String hubName, @PathParam("name") String name, JsonNode body) {
        DeviceSecurityGroup group;
        try {
            group = DeviceSecurityGroup.parse(hub(subscription, resourceGroup, hubName), name, body);
        } catch (IllegalArgumentException e) {
            return Uni.createFrom().item(Response.status(400)
                    .entity(Map.of("error", Map.of("code", "securitygroup.invalid", "message", e.getMessage()))).build());
        }
        return Unis.from(store.save(group, caller.getPrincipal().getName())).map(saved -> Response.ok(saved.toJson()).build());
    }

    @DELETE
    @Path("/{name}")
    @RolesAllowed({"operator", "admin"})
    public Uni<Response> delete(@PathParam("subscription") String subscription, @PathParam("resourceGroup") String resourceGroup,
                                @PathParam("hubName") String hubName, @PathParam("name") String name) {
        String hub = hub(subscription, resourceGroup, hubName);
        return Unis.from(store.delete(hub, name, caller.getPrincipal().getName()))
                .map(deleted -> deleted ? Response.noContent().build() : unknown(name));
    }

    /** The hub of the path, which the caller's token must allow. */
    private String hub(String subscription, String resourceGroup, String hubName) {
        String hub = new HubResourceId(subscription, resourceGroup, hubName).toString();
        HubAccess.require(scope, hub);
        return hub;
    }

    private static Response unknown(String name) {
        return Response.status(404).entity(Map.of("error", Map.of("code", "securitygroup.unknown", "message", "no security group " + name))).build();
    }

}
