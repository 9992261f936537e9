package io.vigil.twin.brokerauth;

import io.micrometer.core.instrument.MeterRegistry;
import io.smallrye.mutiny.Uni;
import io.vigil.twin.http.Answers;
import io.vigil.twin.http.TwinApiException;
import io.vigil.twin.store.TwinStore;
import jakarta.annotation.security.RolesAllowed;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;

import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * The HTTP authentication and authorization backend brokers call for device clients (EMQX's HTTP authenticator and
 * authorizer, mosquitto-go-auth's and VerneMQ's HTTP hooks; the embedded HiveMQ's extension calls it too). Allowed
 * is 200 {@code {"result": "allow", ...}} with the identity's topic rules in {@code acl}; refused is 403
 * {@code {"result": "deny", "reason": ...}}. Callers need the {@code broker} role.
 */
@Path("/broker")
@Produces(MediaType.APPLICATION_JSON)
@Consumes(MediaType.APPLICATION_JSON)
public class BrokerAuthResource {

    private final DeviceAuthenticator authenticator;
    private final AuthenticationFailures failures;
    private final TwinStore twins;
    private final MeterRegistry metrics;

    BrokerAuthResource(DeviceAuthenticator authenticator, AuthenticationFailures failures, TwinStore twins, MeterRegistry metrics) {
        this.authenticator = authenticator;
        this.failures = failures;
        this.twins = twins;
        this.metrics = metrics;
    }

    @POST
    @Path("/authenticate")
    @RolesAllowed("broker")
    public Uni<Response> authenticate(AuthenticationRequest request) {
        if (request == null) {
            throw TwinApiException.invalid("the body must be {\"clientId\", \"username\", \"password\", ...}");
        }
        Instant now = Instant.now();
        return Answers.uni(authenticator.authenticate(request, now)).map(decision -> {
            metrics.counter("vigil.twin.broker.authentications", "result", decision.allowed() ? "allow" : "deny",
                    "reason", decision.allowed() ? "none" : decision.reason()).increment();
            if (!decision.allowed()) {
                failures.refused(decision, request.clientAddress(), now);
                return Response.status(403).entity(Map.of("result", "deny", "reason", decision.reason())).build();
            }
            Map<String, Object> body = new LinkedHashMap<>();
            body.put("result", "allow");
            body.put("is_superuser", false);
            body.put("hub", decision.hub());
            body.put("deviceId", decision.login().deviceId());
            body.put("moduleId", decision.login().moduleId());
            body.put("acl", decision.rules().stream().map(rule -> Map.of("permission", "allow",
                    "action", rule.action().name().toLowerCase(Locale.ROOT), "topic", rule.filter())).toList());
            return Response.ok(body).build();
        });
    }

    /**
     * Whether an authenticated device may publish to a topic or subscribe to a filter. Decided from the username
     * alone (the broker authenticated it), so it costs no database read.
     */
    @POST
    @Path("/authorize")
    @RolesAllowed("broker")
    public Response authorize(AuthorizationRequest request) {
        if (request == null || request.topic() == null || request.action() == null) {
            throw TwinApiException.invalid("the body must be {\"clientId\", \"username\", \"action\", \"topic\"}");
        }
        TopicRule.Action action = switch (request.action().toLowerCase(Locale.ROOT)) {
            case "publish" -> TopicRule.Action.PUBLISH;
            case "subscribe" -> TopicRule.Action.SUBSCRIBE;
            default -> throw TwinApiException.invalid("action must be publish or subscribe");
        };
        boolean allowed = DeviceLogin.parse(request.username())
                .filter(login -> login.expectedClientId().equals(request.clientId()))
                .flatMap(login -> authenticator.hubFor(login).map(hub -> DevicePermissions.of(hub.topicPrefix(), login)))
                .map(rules -> DevicePermissions.allows(rules, action, request.topic()))
                .orElse(false);
        return allowed ? Response.ok(Map.of("result", "allow")).build() : Response.status(403).entity(Map.of("result", "deny")).build();
    }

    /**
     * A device's (or module's) connection state, as the broker reports it; it shows in the identity and the twin
     * ({@code connectionState}, {@code connectionStateUpdatedTime}). Clients that are not identities are ignored.
     */
    @POST
    @Path("/connections")
    @RolesAllowed("broker")
    public Uni<Response> connection(ConnectionEvent event) {
        if (event == null || event.event() == null) {
            throw TwinApiException.invalid("the body must be {\"clientId\", \"username\", \"event\": \"connected\"|\"disconnected\", \"at\"}");
        }
        String state = switch (event.event()) {
            case "connected" -> "Connected";
            case "disconnected" -> "Disconnected";
            default -> throw TwinApiException.invalid("event must be connected or disconnected");
        };
        Instant at;
        try {
            at = event.at() == null ? Instant.now() : Instant.parse(event.at());
        } catch (java.time.format.DateTimeParseException e) {
            throw TwinApiException.invalid("at must be an ISO 8601 time");
        }
        Optional<DeviceLogin> login = DeviceLogin.parse(event.username()).filter(l -> l.expectedClientId().equals(event.clientId()));
        Optional<String> hub = login.flatMap(authenticator::hubFor).map(h -> h.resourceId().toString());
        if (hub.isEmpty()) {
            return Uni.createFrom().item(Response.noContent().build());
        }
        return Answers.uni(twins.connectionState(hub.get(), login.get().deviceId(), login.get().moduleId(), state, at)).map(v -> Response.noContent().build());
    }
}
