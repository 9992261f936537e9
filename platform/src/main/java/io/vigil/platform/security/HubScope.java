package io.vigil.platform.security;

import io.vigil.contracts.hub.HubResourceId;
import io.vigil.platform.hubs.HubsConfig;
import jakarta.enterprise.context.RequestScoped;
import jakarta.json.JsonArray;
import jakarta.json.JsonString;
import jakarta.json.JsonValue;
import org.eclipse.microprofile.jwt.JsonWebToken;

import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Optional;

/**
 * The hubs the caller of this request may read and change. A token may carry a {@code hubs} claim, a list of hub
 * names as configured ({@code vigil.hubs.<name>}, or the name at the end of a hub's resource id); then every
 * request naming another hub is refused and every list holds only rows of those hubs. A token without the claim
 * sees every hub, as before the claim existed. A name that matches no configured hub grants nothing.
 */
@RequestScoped
public class HubScope {

    /** The claim's name in the token. */
    public static final String CLAIM = "hubs";

    /** Empty: every hub. Otherwise the resource ids allowed, as the services write them in their rows. */
    private final Optional<List<String>> allowed;

    HubScope(JsonWebToken token, HubsConfig hubs) {
        this.allowed = names(token).map(names -> resolve(names, hubs));
    }

    /** True when the caller is limited to some hubs. */
    public boolean restricted() {
        return allowed.isPresent();
    }

    /** The resource ids the caller may see, when {@link #restricted()}; bind them as one array parameter. */
    public List<String> resourceIds() {
        return allowed.orElseThrow(() -> new IllegalStateException("not restricted: every hub is allowed"));
    }

    /** The resource ids the caller may see, or null for every hub: for SQL of the form {@code ($n::text[] IS NULL OR hub = ANY($n))}. */
    public String[] resourceIdsOrNull() {
        return allowed.map(ids -> ids.toArray(String[]::new)).orElse(null);
    }

    /** The resource ids the caller may see, or empty for every hub. */
    public Optional<List<String>> limitedTo() {
        return allowed;
    }

    /** Whether the caller may see the hub of this name (the last segment of its resource id, ignoring case). */
    public boolean allowsName(String hubName) {
        return allowed.isEmpty() || (hubName != null && allowed.get().stream()
                .anyMatch(id -> HubResourceId.parse(id).hubName().equalsIgnoreCase(hubName)));
    }

    /** Whether the caller may see and change the hub with this resource id (compared as IoT Hub does, ignoring case). */
    public boolean allows(String resourceId) {
        return allowed.isEmpty() || (resourceId != null && allowed.get().stream().anyMatch(resourceId::equalsIgnoreCase));
    }

    private static Optional<List<String>> names(JsonWebToken token) {
        Object claim = token == null ? null : token.getClaim(CLAIM);
        if (claim == null) {
            return Optional.empty();
        }
        List<String> names = new ArrayList<>();
        if (claim instanceof JsonArray array) {
            for (JsonValue value : array) {
                if (value instanceof JsonString text) {
                    names.add(text.getString());
                }
            }
        } else if (claim instanceof Collection<?> values) {
            values.forEach(value -> names.add(unquoted(value)));
        } else {
            names.add(unquoted(claim));
        }
        return Optional.of(names);
    }

    private static String unquoted(Object value) {
        return value instanceof JsonString text ? text.getString() : String.valueOf(value);
    }

    private static List<String> resolve(List<String> names, HubsConfig hubs) {
        List<String> ids = new ArrayList<>();
        hubs.hubs().forEach((name, hub) -> {
            HubResourceId id = HubResourceId.parse(hub.resourceId());
            if (names.stream().anyMatch(wanted -> wanted.equalsIgnoreCase(name) || wanted.equalsIgnoreCase(id.hubName()))) {
                ids.add(id.toString());
            }
        });
        return List.copyOf(ids);
    }
}
