package io.vigil.ingest.rejects;

import io.smallrye.mutiny.Uni;
import io.vigil.platform.rest.Unis;
import io.vigil.platform.security.HubScope;
import io.vigil.platform.rest.Problems;
import jakarta.annotation.security.RolesAllowed;
import jakarta.ws.rs.DefaultValue;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;

import java.util.Map;
import java.util.Optional;

/**
 * The rejects, for operators: what was refused and why, the original bytes, and replay. Reading needs the
 * {@code operator} role at least, replaying {@code admin}. A caller limited to some hubs ({@link HubScope}) lists only
 * their rejects and is refused (403) any other.
 */
@Path("/admin/rejects")
@Produces(MediaType.APPLICATION_JSON)
public class RejectsResource {

    static final int MAX_PAGE = 500;

    private final RejectStore rejects;
    private final ReplayService replays;
    private final HubScope scope;

    RejectsResource(RejectStore rejects, ReplayService replays, HubScope scope) {
        this.rejects = rejects;
        this.replays = replays;
        this.scope = scope;
    }

    /** Newest first; page with {@code before} = the last id of the previous page. */
    @GET
    @RolesAllowed({"operator", "admin"})
    public Uni<Response> list(@QueryParam("limit") @DefaultValue("100") int limit, @QueryParam("before") Long before,
                              @QueryParam("deviceId") String deviceId, @QueryParam("rule") String rule) {
        if (limit < 1 || limit > MAX_PAGE) {
            return Uni.createFrom().item(Problems.of(400, "invalid-limit", "limit must be between 1 and " + MAX_PAGE));
        }
        return Uni.createFrom().completionStage(rejects.list(limit, Optional.ofNullable(before),
                        Optional.ofNullable(deviceId), Optional.ofNullable(rule), scope.resourceIdsOrNull()).toCompletionStage())
                .map(list -> Response.ok(Map.of("value", list, "nextBefore", Problems.nextBefore(list, limit, RejectedMessage::id))).build());
    }

    @GET
    @Path("/{id}")
    @RolesAllowed({"operator", "admin"})
    public Uni<Response> get(@PathParam("id") long id) {
        return Unis.from(rejects.find(id))
                .map(found -> found.map(r -> scope.allows(r.hub()) ? Response.ok(r).build() : outOfScope(id))
                        .orElseGet(() -> notFound(id)));
    }

    /** The message exactly as the device sent it. */
    @GET
    @Path("/{id}/body")
    @Produces(MediaType.APPLICATION_OCTET_STREAM)
    @RolesAllowed({"operator", "admin"})
    public Uni<Response> body(@PathParam("id") long id) {
        return inScope(id, () -> Unis.from(rejects.body(id))
                .map(found -> found.map(b -> Response.ok(b.body()).header("X-Vigil-Topic", b.topic()).build())
                        .orElseGet(() -> notFound(id))));
    }

    @POST
    @Path("/{id}/replay")
    @RolesAllowed("admin")
    public Uni<Response> replay(@PathParam("id") long id) {
        return inScope(id, () -> Unis.from(replays.replay(id))
                .map(found -> found.map(outcome -> Response.ok(outcome).build()).orElseGet(() -> notFound(id))));
    }

    /** Runs {@code action} only for a reject of a hub the caller may see: 404 or 403 otherwise. */
    private Uni<Response> inScope(long id, java.util.function.Supplier<Uni<Response>> action) {
        if (!scope.restricted()) {
            return action.get();
        }
        return Unis.from(rejects.find(id)).flatMap(found -> found.isEmpty() ? Uni.createFrom().item(notFound(id))
                : scope.allows(found.get().hub()) ? action.get() : Uni.createFrom().item(outOfScope(id)));
    }

    private static Response outOfScope(long id) {
        return Problems.of(403, "hub.forbidden", "reject " + id + " belongs to a hub outside the token's hubs");
    }

    private static Response notFound(long id) {
        return Problems.of(404, "not-found", "no reject with id " + id);
    }
}
