package io.vigil.query.execution;

import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.vertx.pgclient.PgException;
import io.vigil.query.kql.CompiledKql;
import io.vigil.query.kql.ResultColumn;
import io.vigil.testing.VigilTestResource;
import io.vertx.sqlclient.Pool;
import io.vertx.sqlclient.Tuple;
import io.vigil.platform.readonly.ReadOnlyStatement;
import jakarta.inject.Inject;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.catchThrowable;

/**
 * What a compiled statement may do once it runs: the guard rails hold even for SQL the compiler would never emit, so
 * a compiler defect cannot become a way out of the workspace tables.
 */
@QuarkusTest
@QuarkusTestResource(VigilTestResource.class)
class QueryExecutorTest {

    @Inject
    QueryExecutor executor;

    @Inject
    Pool pool;

    @Test
    void everyStatementRunsAsTheReaderRole() {
        ResultTable table = run("SELECT current_user::text AS c1, session_user::text AS c2");
        assertThat(table.rows().get(0).get(0)).isEqualTo("vigil_query_reader");
        assertThat(table.rows().get(0).get(1)).isNotEqualTo("vigil_query_reader");
    }

    @Test
    void everyStatementRunsReadOnlyUnderTheStatementTimeout() {
        ResultTable table = run("SELECT current_setting('transaction_read_only') AS c1, current_setting('statement_timeout') AS c2");
        assertThat(table.rows().get(0)).containsExactly("on", "30s");
    }

    @Test
    void everyStatementSortsWithTheConfiguredWorkMemByDefault32MB() {
        assertThat(run("SELECT current_setting('work_mem') AS c1, '' AS c2").rows().get(0).get(0)).isEqualTo("32MB");
    }

    @Test
    void aWorkMemWithoutAUnitOrWithSqlInItIsRefused() {
        assertThat(QueryExecutor.workMem(" 128MB ")).isEqualTo("128MB");
        assertThat(QueryExecutor.workMem("512kB")).isEqualTo("512kB");
        for (String bad : List.of("64", "64mb", "0MB", "64MB'; DROP TABLE x; --", "")) {
            assertThat(catchThrowable(() -> QueryExecutor.workMem(bad)))
                    .isInstanceOf(IllegalArgumentException.class)
                    .hasMessageContaining("vigil.query.work-mem");
        }
    }

    @Test
    void theWorkspaceTablesAreReadable() {
        assertThat(run("SELECT count(*)::text AS c1, '' AS c2 FROM workspace.security_alert").rows()).hasSize(1);
    }

    @Test
    void otherSchemasAreOutOfReach() {
        assertThat(sqlState(() -> run("SELECT version::text AS c1, '' AS c2 FROM query.query_schema_history")))
                .isEqualTo("42501");
    }

    @Test
    void nothingCanBeWritten() {
        assertThat(sqlState(() -> run("WITH gone AS (DELETE FROM workspace.security_alert RETURNING 1) SELECT '' AS c1, '' AS c2")))
                .isEqualTo("25006");
    }

    @Test
    void aFailedStatementLeavesNoTransactionOpenOnItsConnection() {
        // The pool of the test profile may hand the next statement the same connection: it must start afresh.
        for (int i = 0; i < 5; i++) {
            assertThat(catchThrowable(() -> run("SELECT (1 / 0)::text AS c1, '' AS c2")))
                    .isInstanceOf(QueryFailure.class).hasMessageContaining("division by zero");
            assertThat(run("SELECT current_setting('transaction_read_only') AS c1, current_user::text AS c2").rows().get(0))
                    .containsExactly("on", "vigil_query_reader");
        }
    }

    @Test
    void whenASettingFailsTheStatementDoesNotRun() {
        ReadOnlyStatement broken = new ReadOnlyStatement(pool, "no_such_role_here", Duration.ofSeconds(5), Map.of());
        Throwable failure = catchThrowable(() -> broken.execute("SELECT 1 / 0", Tuple.tuple())
                .toCompletionStage().toCompletableFuture().get(10, TimeUnit.SECONDS));
        // The role's error, not the division's: the statement was refused in the aborted transaction.
        assertThat(failure).hasRootCauseInstanceOf(PgException.class).rootCause().hasMessageContaining("no_such_role_here");
        assertThat(run("SELECT current_user::text AS c1, '' AS c2").rows().get(0).get(0)).isEqualTo("vigil_query_reader");
        assertThatThrownBy(() -> new ReadOnlyStatement(pool, "r", Duration.ofSeconds(1), Map.of("work_mem", "1MB'; DROP")))
                .isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void theInvestigationsOfOneDeviceKeepTheirPlanAndOtherQueriesLetPostgresqlChoose() {
        String sql = "SELECT current_setting('plan_cache_mode') AS c1, '' AS c2";
        assertThat(runSaved("investigation-users-with-access", sql)).isEqualTo("force_generic_plan");
        assertThat(runSaved("investigation-process-list", sql)).isEqualTo("force_generic_plan");
        assertThat(runSaved("investigation-related-alerts", sql)).isEqualTo("auto");
        assertThat(runSaved("device-summary", sql)).isEqualTo("auto");
        assertThat(run(sql).rows().get(0).get(0)).isEqualTo("auto");
    }

    @Test
    void statementsStayPreparedOnTheirConnectionEvenWhenLong() {
        // Longer than the client's own limit of 2,048 characters, as most compiled queries are. An unnamed
        // (unkept) statement does not show in pg_prepared_statements; a kept one does, from its first run.
        String marker = "kept-statement-" + System.nanoTime();
        String sql = "SELECT count(*) FROM pg_prepared_statements WHERE strpos(statement, $1::text) > 0 /* " + marker + " "
                + "x".repeat(3000) + " */";
        for (int i = 0; i < 3; i++) {
            long kept = pool.withConnection(connection -> connection.preparedQuery(sql).execute(Tuple.of(marker)))
                    .toCompletionStage().toCompletableFuture().join().iterator().next().getLong(0);
            assertThat(kept).as("prepared statements holding this text in the session, run " + (i + 1)).isEqualTo(1);
        }
    }

    private String runSaved(String savedQuery, String sql) {
        CompiledKql compiled = new CompiledKql(sql, List.of(),
                List.of(new ResultColumn("a", "string"), new ResultColumn("b", "string")), 10);
        return (String) executor.executeSaved(savedQuery, "t", compiled).await().atMost(Duration.ofSeconds(10)).rows().get(0).get(0);
    }

    private ResultTable run(String sql) {
        CompiledKql compiled = new CompiledKql(sql, List.of(),
                List.of(new ResultColumn("a", "string"), new ResultColumn("b", "string")), 10);
        return executor.execute("t", compiled).await().atMost(Duration.ofSeconds(10));
    }

    private static String sqlState(Runnable action) {
        Throwable failure = catchThrowable(action::run);
        assertThat(failure).isInstanceOf(PgException.class);
        return ((PgException) failure).getSqlState();
    }
}
