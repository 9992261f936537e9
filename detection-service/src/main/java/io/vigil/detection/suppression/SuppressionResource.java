package io.vigil.detection.suppression;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.quarkus.security.identity.SecurityIdentity;
import io.smallrye.mutiny.Uni;
import io.vigil.detection.http.HubAccess;
import io.vigil.platform.rest.Unis;
import io.vigil.platform.security.HubScope;
import jakarta.annotation.security.RolesAllowed;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;

import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.Iterator;
import java.util.Map;
import java.util.UUID;

/**
 * Suppression rules over HTTP: {@code POST /suppressions} with {@code {"alertType", "reason", "hub", "deviceId",
 * "evidence", "expiresAt"}} (operators), {@code GET /suppressions}, {@code DELETE /suppressions/{id}}. Creating and
 * deleting are audited with who did it; a bad rule is a 400 with the reason.
 */
@Path("/suppressions")
@Produces(MediaType.APPLICATION_JSON)
public class SuppressionResource {

    private static final int MAX_TEXT = 1024;
    private static final int MAX_EVIDENCE = 20;

    private final SuppressionRules rules;
    private final SecurityIdentity caller;

    private final HubScope scope;

    SuppressionResource(SuppressionRules rules, SecurityIdentity caller, HubScope scope) {
        this.scope = scope;
        this.rules = rules;
        this.caller = caller;
    }

    @GET
    @RolesAllowed({"reader", "operator", "admin"})
    public Uni<Map<String, Object>> list() {
        // A caller limited to some hubs sees their rules and the rules of every hub, which apply to its hubs too.
        return Unis.from(rules.all()).map(all -> Map.of("value", all.stream()
                .filter(rule -> rule.hub() == null || scope.allows(rule.hub())).toList()));
    }

    @POST
    @Consumes(MediaType.APPLICATION_JSON)
    @RolesAllowed({"operator", "admin"})
    public Uni<Response> create(JsonNode body) {
        if (body == null || !body.isObject()) {
            return bad("the body must be {\"alertType\", \"reason\", \"hub\", \"deviceId\", \"evidence\", \"expiresAt\"}");
        }
        String alertType = text(body, "alertType");
        String reason = text(body, "reason");
        if (alertType == null || alertType.isBlank() || alertType.length() > 128) {
            return bad("alertType is required (the alert type to suppress, e.g. IoT_KnownAttackTools)");
        }
        if (reason == null || reason.isBlank() || reason.length() > MAX_TEXT) {
            return bad("reason is required, at most " + MAX_TEXT + " characters: why these alerts are not wanted");
        }
        JsonNode evidence = body.path("evidence");
        if (!evidence.isMissingNode() && !evidence.isNull() && !evidence.isObject()) {
            return bad("evidence must be an object of ExtendedProperties values, e.g. {\"Remote Address\": \"203.0.113.9\"}");
        }
        ObjectNode wanted = evidence.isObject() ? (ObjectNode) evidence : JsonNodeFactory.instance.objectNode();
        if (wanted.size() > MAX_EVIDENCE) {
            return bad("evidence holds at most " + MAX_EVIDENCE + " values");
        }
        Iterator<JsonNode> values = wanted.elements();
        while (values.hasNext()) {
            if (!values.next().isValueNode()) {
                return bad("evidence values must be strings, numbers or booleans");
            }
        }
        Instant expiresAt;
        try {
            expiresAt = text(body, "expiresAt") == null ? null : Instant.parse(text(body, "expiresAt"));
        } catch (DateTimeParseException e) {
            return bad("expiresAt must be an ISO 8601 time such as 2027-01-31T00:00:00Z");
        }
        if (expiresAt != null && !expiresAt.isAfter(Instant.now())) {
            return bad("expiresAt is in the past");
        }
        if (scope.restricted() && (text(body, "hub") == null || !scope.allows(text(body, "hub")))) {
            // A rule without a hub would suppress alerts of every hub.
            return Uni.createFrom().item(HubAccess.forbidden(text(body, "hub")));
        }
        return Unis.from(rules.create(text(body, "hub"), text(body, "deviceId"), alertType, wanted, reason, expiresAt, caller.getPrincipal().getName()))
                .map(rule -> rule.map(created -> Response.status(201).entity(created).build())
                        .orElseGet(() -> Response.status(409).entity(Map.of("error", Map.of("code", "suppression.limit", "message",
                                "at most " + SuppressionRules.MAX_RULES + " rules are kept; delete expired or unwanted ones first"))).build()));
    }

    @DELETE
    @Path("/{id}")
    @RolesAllowed({"operator", "admin"})
    public Uni<Response> delete(@PathParam("id") String id) {
        UUID ruleId;
        try {
            ruleId = UUID.fromString(id);
        } catch (IllegalArgumentException e) {
            return bad("not a rule id: " + id);
        }
        // Deferred: the statement runs only if the scope check below lets it.
        Uni<Response> delete = Uni.createFrom().deferred(() -> Unis.from(rules.delete(ruleId, caller.getPrincipal().getName()))).map(deleted -> deleted ? Response.noContent().build()
                : Response.status(404).entity(Map.of("error", Map.of("code", "suppression.unknown", "message", "no rule " + id))).build());
        if (!scope.restricted()) {
            return delete;
        }
        return Unis.from(rules.all()).flatMap(all -> all.stream().filter(rule -> rule.id().equals(ruleId)).findFirst()
                .filter(rule -> rule.hub() == null || !scope.allows(rule.hub()))
                .map(rule -> Uni.createFrom().item(HubAccess.forbidden(rule.hub())))
                .orElse(delete));
    }

    private static String text(JsonNode body, String field) {
        JsonNode value = body.get(field);
        return value == null || value.isNull() ? null : value.asText();
    }

    private static Uni<Response> bad(String message) {
        return Uni.createFrom().item(Response.status(400).entity(Map.of("error", Map.of("code", "suppression.invalid", "message", message))).build());
    }

}
