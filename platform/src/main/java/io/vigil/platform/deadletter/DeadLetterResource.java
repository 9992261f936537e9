package io.vigil.platform.deadletter;

import io.quarkus.arc.properties.IfBuildProperty;
import io.smallrye.mutiny.Uni;
import io.vigil.platform.broker.BrokerConnection;
import io.vigil.platform.rest.Unis;
import io.vigil.platform.security.HubScope;
import io.vigil.platform.rest.Problems;
import jakarta.annotation.security.RolesAllowed;
import jakarta.ws.rs.DELETE;
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

/**
 * The service's dead letters, for operators: what was parked and why, the original bytes, replay and removal.
 * Replay publishes the message again on its topic, QoS 1, and removes it once the broker has it; it then goes
 * through the consumers as on its first arrival (they are idempotent), and is parked again if it still fails.
 * Dead letters belong to the service, not to one hub (a notice may concern a whole hub, or none), so a token scoped
 * to some hubs gets a 403 here.
 */
@Path("/admin/dead-letters")
@Produces(MediaType.APPLICATION_JSON)
@IfBuildProperty(name = "vigil.dead-letters.enabled", stringValue = "true")
public class DeadLetterResource {

    static final int MAX_PAGE = 500;

    private final DeadLetterStore store;
    private final BrokerConnection broker;
    private final HubScope scope;

    DeadLetterResource(DeadLetterStore store, BrokerConnection broker, HubScope scope) {
        this.store = store;
        this.broker = broker;
        this.scope = scope;
    }

    /** Newest first; page with {@code before} = {@code nextBefore} of the previous page. */
    @GET
    @RolesAllowed({"operator", "admin"})
    public Uni<Response> list(@QueryParam("limit") @DefaultValue("100") int limit, @QueryParam("before") Long before) {
        if (scope.restricted()) {
            return scopedTokenRefused();
        }
        if (limit < 1 || limit > MAX_PAGE) {
            return Uni.createFrom().item(Problems.of(400, "invalid-limit", "limit must be between 1 and " + MAX_PAGE));
        }
        return Unis.from(store.page(before == null ? Long.MAX_VALUE : before, limit))
                .map(page -> Response.ok(Map.of("value", page, "nextBefore", Problems.nextBefore(page, limit, DeadLetter::id))).build());
    }

    @GET
    @Path("/{id}")
    @RolesAllowed({"operator", "admin"})
    public Uni<Response> get(@PathParam("id") long id) {
        if (scope.restricted()) {
            return scopedTokenRefused();
        }
        return Unis.from(store.find(id)).map(found -> found.map(parked -> Response.ok(parked.letter()).build())
                .orElseGet(() -> notFound(id)));
    }

    /** The message's bytes as they arrived; its topic in {@code X-Vigil-Topic}. */
    @GET
    @Path("/{id}/body")
    @Produces(MediaType.APPLICATION_OCTET_STREAM)
    @RolesAllowed({"operator", "admin"})
    public Uni<Response> body(@PathParam("id") long id) {
        if (scope.restricted()) {
            return scopedTokenRefused();
        }
        return Unis.from(store.find(id)).map(found -> found.map(parked -> Response.ok(parked.payload())
                .header("X-Vigil-Topic", parked.letter().topic()).build()).orElseGet(() -> notFound(id)));
    }

    @POST
    @Path("/{id}/replay")
    @RolesAllowed("admin")
    public Uni<Response> replay(@PathParam("id") long id) {
        if (scope.restricted()) {
            return scopedTokenRefused();
        }
        return Unis.from(store.find(id).compose(found -> {
            if (found.isEmpty()) {
                return io.vertx.core.Future.succeededFuture(notFound(id));
            }
            DeadLetterStore.Parked parked = found.get();
            return broker.publish(parked.letter().topic(), parked.payload())
                    .compose(v -> store.remove(id))
                    .map(removed -> Response.ok(Map.of("id", id, "outcome", "republished", "topic", parked.letter().topic())).build());
        }));
    }

    @DELETE
    @Path("/{id}")
    @RolesAllowed("admin")
    public Uni<Response> delete(@PathParam("id") long id) {
        if (scope.restricted()) {
            return scopedTokenRefused();
        }
        return Unis.from(store.remove(id)).map(removed -> removed ? Response.noContent().build() : notFound(id));
    }

    private static Uni<Response> scopedTokenRefused() {
        return Uni.createFrom().item(Problems.of(403, "hub.forbidden", "dead letters are the whole service's; a hub-scoped token cannot see them"));
    }

    private static Response notFound(long id) {
        return Problems.of(404, "not-found", "no dead letter with id " + id);
    }
}
