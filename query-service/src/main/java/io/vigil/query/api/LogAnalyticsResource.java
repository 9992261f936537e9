package io.vigil.query.api;

import io.smallrye.mutiny.Uni;
import io.vertx.core.Future;
import io.vertx.pgclient.PgException;
import io.vertx.sqlclient.Pool;
import io.vertx.sqlclient.Row;
import io.vertx.sqlclient.RowSet;
import io.vertx.sqlclient.Tuple;
import io.vigil.query.config.QueryConfig;
import io.vigil.query.kql.CompiledKql;
import io.vigil.query.kql.KqlCompiler;
import io.vigil.query.kql.KqlException;
import io.vigil.query.kql.KqlLimits;
import io.vigil.query.kql.TimeWindow;
import jakarta.annotation.security.RolesAllowed;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;

import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

/**
 * The Log Analytics query API: {@code POST /v1/workspaces/{workspaceId}/query} with {@code {"query", "timespan"}}
 * (and {@code GET} with {@code ?query=&timespan=}), answered with {@code {"tables": [{"name": "PrimaryResult",
 * "columns": [...], "rows": [...]}]}}. Each query is one compiled statement with bound parameters, run in a
 * read-only transaction under a statement timeout (and the reader role when one is configured).
 */
@Path("/v1/workspaces/{workspaceId}/query")
@Produces(MediaType.APPLICATION_JSON)
public class LogAnalyticsResource {

    private final Pool pool;
    private final QueryConfig config;
    private final KqlCompiler compiler;

    LogAnalyticsResource(Pool pool, QueryConfig config) {
        this.pool = pool;
        this.config = config;
        this.compiler = new KqlCompiler(new KqlLimits(config.maxQueryLength(), config.maxRows()));
    }

    @POST
    @Consumes(MediaType.APPLICATION_JSON)
    @RolesAllowed({"reader", "operator", "admin"})
    public Uni<Response> post(@PathParam("workspaceId") String workspaceId, QueryBody body) {
        return run(body == null ? null : body.query(), body == null ? null : body.timespan());
    }

    @GET
    @RolesAllowed({"reader", "operator", "admin"})
    public Uni<Response> get(@PathParam("workspaceId") String workspaceId, @QueryParam("query") String query,
                             @QueryParam("timespan") String timespan) {
        return run(query, timespan);
    }

    private Uni<Response> run(String query, String timespan) {
        if (query == null || query.isBlank()) {
            return Uni.createFrom().item(error(400, "kql.missing", "a query is required", 1, 1));
        }
        CompiledKql compiled;
        try {
            Optional<TimeWindow> window = Timespan.parse(timespan, Instant.now());
            compiled = compiler.compile(query, window);
        } catch (KqlException e) {
            return Uni.createFrom().item(error(400, e.code(), e.getMessage(), e.line(), e.column()));
        } catch (IllegalArgumentException e) {
            return Uni.createFrom().item(error(400, "kql.bad-timespan", e.getMessage(), 0, 0));
        }
        Future<RowSet<Row>> rows = pool.withTransaction(connection -> connection.query("SET TRANSACTION READ ONLY").execute()
                .compose(v -> connection.query("SET LOCAL statement_timeout = " + config.statementTimeout().toMillis()).execute())
                .compose(v -> config.readerRole().isPresent()
                        ? connection.query("SET LOCAL ROLE \"" + config.readerRole().get().replace("\"", "\"\"") + "\"").execute()
                        : Future.succeededFuture())
                .compose(v -> connection.preparedQuery(compiled.sql()).execute(Tuple.from(compiled.parameters()))));
        return Uni.createFrom().completionStage(rows.toCompletionStage())
                .map(result -> Response.ok(ResultTables.of(compiled, result)).build())
                .onFailure(PgException.class).recoverWithItem(failure -> {
                    PgException pg = (PgException) failure;
                    if ("57014".equals(pg.getSqlState())) {
                        return error(408, "kql.timeout", "the query ran longer than " + config.statementTimeout().toSeconds() + " s", 0, 0);
                    }
                    if (pg.getSqlState() != null && pg.getSqlState().startsWith("22")) {
                        return error(400, "kql.data", "the query failed on the data: " + pg.getErrorMessage(), 0, 0);
                    }
                    throw new IllegalStateException(failure);
                });
    }

    static Response error(int status, String code, String message, int line, int column) {
        Map<String, Object> detail = new LinkedHashMap<>();
        detail.put("code", code);
        detail.put("message", message);
        if (line > 0) {
            detail.put("line", line);
            detail.put("column", column);
        }
        return Response.status(status).type(MediaType.APPLICATION_JSON).entity(Map.of("error", detail)).build();
    }
}
