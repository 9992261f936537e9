package io.vigil.query.execution;

import io.smallrye.mutiny.Uni;
import io.vertx.core.Future;
import io.vertx.pgclient.PgException;
import io.vertx.sqlclient.Pool;
import io.vertx.sqlclient.Row;
import io.vertx.sqlclient.RowSet;
import io.vertx.sqlclient.Tuple;
import io.vigil.platform.readonly.ReadOnlyStatement;
import io.vigil.query.config.QueryConfig;
import io.vigil.query.kql.CompiledKql;
import io.vigil.query.kql.KqlCompiler;
import io.vigil.query.kql.KqlLimits;
import jakarta.enterprise.context.ApplicationScoped;

import java.util.Map;

/**
 * Runs compiled queries: each one is a single statement in its own read-only transaction, under the statement
 * timeout and the reader role, so a query can neither write nor read outside the workspace tables nor run forever.
 */
@ApplicationScoped
public class QueryExecutor {

    private final QueryConfig config;
    private final KqlCompiler compiler;
    private final ReadOnlyStatement statements;
    private final ReadOnlyStatement genericPlanStatements;

    QueryExecutor(Pool pool, QueryConfig config) {
        this.config = config;
        this.compiler = new KqlCompiler(new KqlLimits(config.maxQueryLength(), config.maxRows()));
        this.statements = new ReadOnlyStatement(pool, config.readerRole(), config.statementTimeout(),
                Map.of("work_mem", workMem(config.workMem())));
        this.genericPlanStatements = new ReadOnlyStatement(pool, config.readerRole(), config.statementTimeout(),
                Map.of("work_mem", workMem(config.workMem()), "plan_cache_mode", "force_generic_plan"));
    }

    /** The configured size, checked here for a message that names the setting. */
    static String workMem(String configured) {
        String value = configured.strip();
        if (!value.matches("[1-9][0-9]{0,6}(kB|MB|GB)")) {
            throw new IllegalArgumentException("vigil.query.work-mem must be a size with a unit (kB, MB or GB), like 64MB; was '"
                    + configured + "'");
        }
        return value;
    }

    /** The compiler configured with this service's limits, shared by every endpoint. */
    public KqlCompiler compiler() {
        return compiler;
    }

    /** Runs {@code compiled} and names its result {@code tableName}; fails with {@link QueryFailure} for bad runs. */
    public Uni<ResultTable> execute(String tableName, CompiledKql compiled) {
        return execute(tableName, compiled, statements);
    }

    /**
     * Runs the saved query {@code name}, compiled, under a result table of the same name, with the kept plan of
     * {@code vigil.query.generic-plan-queries} when it is one of those.
     */
    public Uni<ResultTable> executeSaved(String name, String tableName, CompiledKql compiled) {
        return execute(tableName, compiled, config.genericPlanQueries().contains(name) ? genericPlanStatements : statements);
    }

    private Uni<ResultTable> execute(String tableName, CompiledKql compiled, ReadOnlyStatement statements) {
        Future<RowSet<Row>> rows = statements.execute(compiled.sql(), Tuple.from(compiled.parameters()));
        return Uni.createFrom().completionStage(rows.toCompletionStage())
                .map(result -> ResultTable.of(tableName, compiled, result))
                .onFailure(PgException.class).transform(this::failure);
    }

    private Throwable failure(Throwable failure) {
        PgException pg = (PgException) failure;
        if ("57014".equals(pg.getSqlState())) {
            return new QueryFailure(408, "kql.timeout", "the query ran longer than " + config.statementTimeout().toSeconds() + " s");
        }
        if (pg.getSqlState() != null && pg.getSqlState().startsWith("22")) {
            return new QueryFailure(400, "kql.data", "the query failed on the data: " + pg.getErrorMessage());
        }
        return failure;
    }
}
