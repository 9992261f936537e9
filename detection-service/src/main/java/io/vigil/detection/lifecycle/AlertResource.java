package io.vigil.detection.lifecycle;

import io.quarkus.security.identity.SecurityIdentity;
import io.smallrye.mutiny.Uni;
import io.vigil.platform.rest.Unis;
import io.vigil.platform.security.HubScope;
import io.vigil.detection.http.HubAccess;
import io.vigil.detection.alerts.AlertStatus;
import jakarta.annotation.security.RolesAllowed;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.PATCH;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The alert lifecycle over HTTP: {@code GET /alerts} (newest first, filtered by hub, device, status and type, paged
 * with {@code nextBefore}), {@code GET /alerts/{systemAlertId}}, and {@code PATCH /alerts/{systemAlertId}} with
 * {@code {"status", "severity", "comment"}} for operators. A bad request is a 400 with the reason.
 */
@Path("/alerts")
@Produces(MediaType.APPLICATION_JSON)
public class AlertResource {

    private static final int MAX_PAGE = 1000;
    private static final int MAX_COMMENT = 1024;

    private final AlertLifecycle lifecycle;
    private final SecurityIdentity caller;

    private final HubScope scope;

    AlertResource(AlertLifecycle lifecycle, SecurityIdentity caller, HubScope scope) {
        this.scope = scope;
        this.lifecycle = lifecycle;
        this.caller = caller;
    }

    @GET
    @RolesAllowed({"reader", "operator", "admin"})
    public Uni<Response> list(@QueryParam("hub") String hub, @QueryParam("deviceId") String deviceId, @QueryParam("status") String status,
                              @QueryParam("alertType") String alertType, @QueryParam("limit") Integer limit, @QueryParam("before") String before) {
        int size = limit == null ? 100 : limit;
        if (size < 1 || size > MAX_PAGE) {
            return bad("limit must be between 1 and " + MAX_PAGE);
        }
        if (status != null && !AlertStatus.ALL.contains(status)) {
            return bad("status must be one of " + AlertStatus.ALL);
        }
        if (hub != null && !scope.allows(hub)) {
            return Uni.createFrom().item(HubAccess.forbidden(hub));
        }
        AlertLifecycle.Cursor cursor;
        try {
            cursor = before == null || before.isBlank() ? AlertLifecycle.Cursor.FIRST : decode(before);
        } catch (RuntimeException e) {
            return bad("before is not a cursor this API gave out");
        }
        return Unis.from(lifecycle.list(new AlertLifecycle.Filter(hub, deviceId, status, alertType, scope.resourceIdsOrNull()), cursor, size)).map(alerts -> {
            Map<String, Object> body = new LinkedHashMap<>();
            body.put("value", alerts);
            body.put("nextBefore", alerts.size() == size ? encode(alerts.get(alerts.size() - 1)) : null);
            return Response.ok(body).build();
        });
    }

    @GET
    @Path("/{systemAlertId}")
    @RolesAllowed({"reader", "operator", "admin"})
    public Uni<Response> one(@PathParam("systemAlertId") String systemAlertId) {
        return Unis.from(lifecycle.find(systemAlertId)).map(found -> found.map(alert -> scope.allows(alert.hub())
                ? Response.ok(alert).build() : HubAccess.forbidden(alert.hub())).orElseGet(() -> notFound(systemAlertId)));
    }

    @PATCH
    @Path("/{systemAlertId}")
    @Consumes(MediaType.APPLICATION_JSON)
    @RolesAllowed({"operator", "admin"})
    public Uni<Response> change(@PathParam("systemAlertId") String systemAlertId, AlertChangeRequest change) {
        if (change == null || (change.status() == null && change.severity() == null)) {
            return bad("the body must name a new status or severity: {\"status\": \"Dismissed\", \"comment\": \"...\"}");
        }
        if (change.status() != null && !AlertStatus.ALL.contains(change.status())) {
            return bad("status must be one of " + AlertStatus.ALL);
        }
        if (change.severity() != null && !AlertStatus.SEVERITIES.contains(change.severity())) {
            return bad("severity must be one of " + AlertStatus.SEVERITIES);
        }
        if (change.comment() != null && change.comment().length() > MAX_COMMENT) {
            return bad("comment is limited to " + MAX_COMMENT + " characters");
        }
        // Deferred: the change runs only if the scope check below lets it.
        Uni<Response> apply = Uni.createFrom().deferred(() -> Unis.from(lifecycle.change(systemAlertId, change.status(), change.severity(),
                        change.comment(), caller.getPrincipal().getName())))
                .map(changed -> changed.map(alert -> Response.ok(alert).build()).orElseGet(() -> notFound(systemAlertId)));
        if (!scope.restricted()) {
            return apply;
        }
        // An alert never moves to another hub, so checking before the change is as good as checking within it.
        return Unis.from(lifecycle.find(systemAlertId)).flatMap(found -> found.isEmpty() ? Uni.createFrom().item(notFound(systemAlertId))
                : scope.allows(found.get().hub()) ? apply : Uni.createFrom().item(HubAccess.forbidden(found.get().hub())));
    }

    private static Response notFound(String systemAlertId) {
        return Response.status(404).entity(Map.of("error", Map.of("code", "alert.unknown", "message", "no alert " + systemAlertId))).build();
    }

    private static Uni<Response> bad(String message) {
        return Uni.createFrom().item(Response.status(400).entity(Map.of("error", Map.of("code", "alert.invalid", "message", message))).build());
    }

    private static String encode(AlertView last) {
        return Base64.getUrlEncoder().withoutPadding().encodeToString((last.endTime() + "|" + last.systemAlertId()).getBytes(StandardCharsets.UTF_8));
    }

    private static AlertLifecycle.Cursor decode(String before) {
        String[] parts = new String(Base64.getUrlDecoder().decode(before), StandardCharsets.UTF_8).split("\\|", 2);
        return new AlertLifecycle.Cursor(Instant.parse(parts[0]), parts[1]);
    }

}
