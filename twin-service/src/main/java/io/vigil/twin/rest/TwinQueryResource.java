package io.vigil.twin.rest;

import io.smallrye.mutiny.Uni;
import io.vertx.core.Future;
import io.vertx.pgclient.PgException;
import io.vertx.sqlclient.Pool;
import io.vertx.sqlclient.Row;
import io.vertx.sqlclient.RowSet;
import io.vertx.sqlclient.Tuple;
import io.vigil.twin.config.TwinConfig;
import io.vigil.twin.http.HubParameter;
import io.vigil.twin.query.BoundQuery;
import io.vigil.twin.query.CompiledTwinQuery;
import io.vigil.twin.query.PageCursor;
import io.vigil.twin.query.TwinQueryCompiler;
import io.vigil.twin.query.TwinQueryException;
import io.vigil.twin.query.TwinQueryLimits;
import io.vigil.platform.readonly.ReadOnlyStatement;
import io.vigil.platform.security.HubScope;
import jakarta.annotation.security.RolesAllowed;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;

import java.util.ArrayList;
import java.util.Locale;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * {@code POST /devices/query}: the IoT Hub twin query language over this hub's twins, one compiled SQL statement
 * with bound parameters per page, paged with {@code x-ms-max-item-count} and {@code x-ms-continuation}.
 * A query that does not parse or check gets a 400 with a stable code, a message, and the line and column.
 */
@Path("/devices/query")
public class TwinQueryResource {

    private final TwinQueryCompiler compiler = new TwinQueryCompiler(TwinQueryLimits.defaults());
    private final TwinConfig config;

    private final HubScope scope;
    private final ReadOnlyStatement statements;

    TwinQueryResource(Pool pool, TwinConfig config, HubScope scope) {
        this.scope = scope;
        this.config = config;
        this.statements = new ReadOnlyStatement(pool, config.query().readerRole(), config.query().statementTimeout(), Map.of());
    }

    @POST
    @Consumes(MediaType.APPLICATION_JSON)
    @Produces(MediaType.APPLICATION_JSON)
    @RolesAllowed({"reader", "operator", "admin"})
    public Uni<Response> query(QueryRequest request, @HeaderParam("x-ms-max-item-count") Integer maxItems,
                               @HeaderParam("x-ms-continuation") String continuation, @QueryParam("hub") String hub) {
        if (request == null || request.query() == null || request.query().isBlank()) {
            return Uni.createFrom().item(error(400, "query.missing", "the body must be {\"query\": \"...\"}", 1, 1));
        }
        CompiledTwinQuery compiled;
        BoundQuery page;
        try {
            compiled = compiler.compile(request.query());
            Optional<PageCursor> after = ContinuationToken.decode(request.query(), continuation);
            page = compiled.page(HubParameter.resolve(hub, config.defaultHub(), scope),
                    maxItems == null ? TwinQueryLimits.defaults().maxPageSize() : maxItems, after);
        } catch (TwinQueryException e) {
            return Uni.createFrom().item(error(400, e.code(), e.getMessage(), e.line(), e.column()));
        }
        long sent = System.nanoTime();
        Future<RowSet<Row>> rows = statements.execute(page.sql(), Tuple.from(page.parameters()));
        return Uni.createFrom().completionStage(rows.toCompletionStage())
                .map(result -> respond(request.query(), compiled, page, result, System.nanoTime() - sent))
                .onFailure(TwinQueryResource::isTimeout).recoverWithItem(e -> error(408, "query.timeout",
                        "the query ran longer than " + config.query().statementTimeout().toSeconds() + " s", 1, 1));
    }

    /**
     * The items are the database's JSON text (the statement builds them), copied into the body as they are. The
     * {@code Server-Timing} header tells how long the database part took (taking a connection, the read-only
     * transaction and the statement, until its rows were in), so that a slow answer can be told apart from a slow
     * statement.
     */
    private Response respond(String query, CompiledTwinQuery compiled, BoundQuery page, RowSet<Row> rows,
                             long databaseNanos) {
        List<Row> all = new ArrayList<>();
        rows.forEach(all::add);
        int kept = page.itemsOnPage(all.size());
        StringBuilder items = new StringBuilder("[");
        for (int i = 0; i < kept; i++) {
            String item = all.get(i).getString("item");
            items.append(i == 0 ? "" : ",").append(item == null ? "null" : item);
        }
        Response.ResponseBuilder response = Response.ok(items.append(']').toString()).type(MediaType.APPLICATION_JSON)
                .header("x-ms-item-type", compiled.itemType())
                .header("Server-Timing", String.format(Locale.ROOT, "db;dur=%.3f", databaseNanos / 1e6));
        if (kept > 0) {
            Row last = all.get(kept - 1);
            page.nextCursor(all.size(), last.getString("device_id"), last.getString("module_id"))
                    .ifPresent(cursor -> response.header("x-ms-continuation", ContinuationToken.encode(query, cursor)));
        }
        return response.build();
    }

    /** PostgreSQL cancelled the statement at the statement timeout. */
    private static boolean isTimeout(Throwable failure) {
        return failure instanceof PgException pg && "57014".equals(pg.getSqlState());
    }

    private static Response error(int status, String code, String message, int line, int column) {
        return Response.status(status).type(MediaType.APPLICATION_JSON).entity(Map.of("error",
                Map.of("code", code, "message", message, "line", line, "column", column))).build();
    }
}
