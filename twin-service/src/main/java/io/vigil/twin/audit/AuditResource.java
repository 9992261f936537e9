package io.vigil.twin.audit;

import io.smallrye.mutiny.Uni;
import io.vigil.twin.config.TwinConfig;
import io.vigil.twin.http.Answers;
import io.vigil.twin.http.HubParameter;
import io.vigil.twin.http.TwinApiException;
import io.vigil.platform.security.HubScope;
import jakarta.annotation.security.RolesAllowed;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;

import java.util.LinkedHashMap;
import java.util.Map;

/** {@code GET /audit}: the hub's audit trail, newest first, for admins; {@code nextBefore} pages on. */
@Path("/audit")
@Produces(MediaType.APPLICATION_JSON)
public class AuditResource {

    private static final int MAX_PAGE = 1000;

    private final AuditTrail trail;
    private final TwinConfig config;

    private final HubScope scope;

    AuditResource(AuditTrail trail, TwinConfig config, HubScope scope) {
        this.scope = scope;
        this.trail = trail;
        this.config = config;
    }

    @GET
    @RolesAllowed("admin")
    public Uni<Map<String, Object>> page(@QueryParam("limit") Integer limit, @QueryParam("before") Long before, @QueryParam("hub") String hub) {
        int size = limit == null ? 100 : limit;
        if (size < 1 || size > MAX_PAGE) {
            throw TwinApiException.invalid("limit must be between 1 and " + MAX_PAGE);
        }
        return Answers.uni(trail.page(HubParameter.resolve(hub, config.defaultHub(), scope),
                before == null ? Long.MAX_VALUE : before, size)).map(entries -> {
            Map<String, Object> body = new LinkedHashMap<>();
            body.put("value", entries);
            body.put("nextBefore", entries.size() == size ? entries.get(entries.size() - 1).id() : null);
            return body;
        });
    }
}
