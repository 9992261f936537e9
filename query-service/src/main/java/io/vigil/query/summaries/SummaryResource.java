package io.vigil.query.summaries;

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
import jakarta.ws.rs.core.MediaType;

import java.time.Instant;
import java.util.List;
import java.util.Map;

/**
 * Summaries: the saved queries, listed with their parameters and run by name with values for them. A run answers
 * in the shape of the query API ({@code tables}, {@code PrimaryResult}).
 */
@Path("/v1/workspaces/{workspaceId}/summaries")
@Produces(MediaType.APPLICATION_JSON)
public class SummaryResource {

    private final SavedQueryCatalog catalog;
    private final QueryExecutor executor;

    private final HubScope scope;

    SummaryResource(SavedQueryCatalog catalog, QueryExecutor executor, HubScope scope) {
        this.catalog = catalog;
        this.executor = executor;
        this.scope = scope;
    }

    @GET
    @RolesAllowed({"reader", "operator", "admin"})
    public Map<String, Object> list(@PathParam("workspaceId") String workspaceId) {
        return Map.of("summaries", List.copyOf(catalog.all()));
    }

    @GET
    @Path("/{name}")
    @RolesAllowed({"reader", "operator", "admin"})
    public SavedQuery get(@PathParam("workspaceId") String workspaceId, @PathParam("name") String name) {
        return saved(name);
    }

    @POST
    @Path("/{name}/run")
    @Consumes(MediaType.APPLICATION_JSON)
    @RolesAllowed({"reader", "operator", "admin"})
    public Uni<Map<String, Object>> run(@PathParam("workspaceId") String workspaceId, @PathParam("name") String name,
                                        SummaryRun body) {
        SavedQuery query = saved(name);
        SummaryRun run = body == null ? new SummaryRun(Map.of(), null) : body;
        CompiledKql compiled = executor.compiler().compile(query.query(), Timespan.parse(run.timespan(), Instant.now()),
                ParameterValues.of(run.parameters()), scope.limitedTo());
        return executor.executeSaved(query.name(), ResultTable.PRIMARY, compiled).map(table -> ResultTable.response(List.of(table)));
    }

    private SavedQuery saved(String name) {
        return catalog.find(name).orElseThrow(() -> new QueryFailure(404, "summary.unknown", "no saved query named '" + name + "'"));
    }
}
