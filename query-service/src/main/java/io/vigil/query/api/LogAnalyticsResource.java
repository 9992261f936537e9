package io.vigil.query.api;

import io.smallrye.mutiny.Uni;
import io.vigil.platform.security.HubScope;
import io.vigil.query.execution.QueryExecutor;
import io.vigil.query.execution.QueryFailure;
import io.vigil.query.execution.ResultTable;
import io.vigil.query.execution.Timespan;
import io.vigil.query.kql.CompiledKql;
import jakarta.annotation.security.RolesAllowed;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;

import java.time.Instant;
import java.util.List;
import java.util.Map;

/**
 * The Log Analytics query API: {@code POST /v1/workspaces/{workspaceId}/query} with {@code {"query", "timespan"}}
 * (and {@code GET} with {@code ?query=&timespan=}), answered with {@code {"tables": [{"name": "PrimaryResult",
 * "columns": [...], "rows": [...]}]}}.
 */
@Path("/v1/workspaces/{workspaceId}/query")
@Produces(MediaType.APPLICATION_JSON)
public class LogAnalyticsResource {

    private final QueryExecutor executor;
    private final HubScope scope;

    LogAnalyticsResource(QueryExecutor executor, HubScope scope) {
        this.executor = executor;
        this.scope = scope;
    }

    @POST
    @Consumes(MediaType.APPLICATION_JSON)
    @RolesAllowed({"reader", "operator", "admin"})
    public Uni<Map<String, Object>> post(@PathParam("workspaceId") String workspaceId, QueryBody body) {
        return run(body == null ? null : body.query(), body == null ? null : body.timespan());
    }

    @GET
    @RolesAllowed({"reader", "operator", "admin"})
    public Uni<Map<String, Object>> get(@PathParam("workspaceId") String workspaceId, @QueryParam("query") String query,
                                        @QueryParam("timespan") String timespan) {
        return run(query, timespan);
    }

    private Uni<Map<String, Object>> run(String query, String timespan) {
        if (query == null || query.isBlank()) {
            throw new QueryFailure(400, "kql.missing", "a query is required");
        }
        CompiledKql compiled = executor.compiler().compile(query, Timespan.parse(timespan, Instant.now()), Map.of(),
                scope.limitedTo());
        return executor.execute(ResultTable.PRIMARY, compiled).map(table -> ResultTable.response(List.of(table)));
    }
}
