package io.vigil.query.investigation;

import io.smallrye.mutiny.Uni;
import io.vigil.platform.security.HubScope;
import io.vigil.query.execution.QueryExecutor;
import io.vigil.query.execution.QueryFailure;
import io.vigil.query.execution.ResultTable;
import io.vigil.query.execution.Timespan;
import io.vigil.query.kql.TimeWindow;
import io.vigil.query.summaries.SavedQuery;
import jakarta.annotation.security.RolesAllowed;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Investigating a suspicious device in one call: the investigation queries (by default the five of the reference's
 * device investigation: related alerts, users with access, open ports, user logins, process list) run with the
 * device and hub as their {@code device} and {@code hub} parameters, one result table each, named after the query.
 */
@Path("/v1/workspaces/{workspaceId}/devices/{deviceId}/investigation")
@Produces(MediaType.APPLICATION_JSON)
public class DeviceInvestigationResource {

    private final InvestigationQueries queries;
    private final QueryExecutor executor;
    private final HubScope scope;

    DeviceInvestigationResource(InvestigationQueries queries, QueryExecutor executor, HubScope scope) {
        this.queries = queries;
        this.executor = executor;
        this.scope = scope;
    }

    @GET
    @RolesAllowed({"reader", "operator", "admin"})
    public Uni<Map<String, Object>> investigate(@PathParam("workspaceId") String workspaceId,
                                                @PathParam("deviceId") String deviceId,
                                                @QueryParam("hub") String hub, @QueryParam("timespan") String timespan) {
        if (hub == null || hub.isBlank()) {
            throw new QueryFailure(400, "investigation.hub-missing", "the hub name is required (?hub=<IoT hub name>)");
        }
        if (!scope.allowsName(hub)) {
            throw new QueryFailure(403, "hub.forbidden", "the token does not allow hub " + hub);
        }
        Optional<TimeWindow> window = Timespan.parse(timespan, Instant.now());
        Map<String, String> parameters = Map.of("device", deviceId, "hub", hub);
        List<Uni<ResultTable>> runs = new ArrayList<>();
        for (SavedQuery query : queries.all()) {
            runs.add(executor.executeSaved(query.name(), query.name(), executor.compiler().compile(query.query(), window, parameters, scope.limitedTo())));
        }
        return Uni.join().all(runs).andFailFast().map(ResultTable::response);
    }
}
