package io.vigil.query.execution;

import io.vertx.pgclient.PgException;
import io.vigil.query.kql.support.KqlTestDatabase;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The role every KQL query runs under reads the workspace tables and nothing else. The other services' tables are
 * created beside them from their own migrations (one database may hold every service's schema), and the role must
 * be refused each of them: ingest's rejected messages, twin's twins with their keys, detection's state, and the
 * migration history; it can write nothing, not even in the workspace.
 */
class ReaderRoleIsolationTest {

    private static final String READER = "vigil_query_reader";
    private static final List<String[]> OTHER_SERVICES = List.of(
            new String[] {"ingest", "../ingest-service/src/main/resources/db/ingest"},
            new String[] {"detection", "../detection-service/src/main/resources/db/detection"},
            new String[] {"twin", "../twin-service/src/main/resources/db/twin"});

    private static KqlTestDatabase database;

    @BeforeAll
    static void everyServicesTables() throws IOException {
        database = KqlTestDatabase.shared();
        for (String[] service : OTHER_SERVICES) {
            if (database.executeAs("postgres", "SELECT 1 FROM pg_namespace WHERE nspname = $1", List.of(service[0])).size() > 0) {
                continue;
            }
            database.script("CREATE SCHEMA " + service[0]);
            try (Stream<Path> files = Files.list(Path.of(service[1]))) {
                for (Path file : files.filter(f -> f.toString().endsWith(".sql")).sorted().toList()) {
                    database.script(Files.readString(file));
                }
            }
        }
        database.script("CREATE SCHEMA IF NOT EXISTS query; CREATE TABLE IF NOT EXISTS query.query_schema_history (version text)");
    }

    @Test
    void theReaderIsRefusedEveryTableOutsideTheWorkspace() {
        List<String> tables = new ArrayList<>();
        database.executeAs("postgres", "SELECT schemaname || '.' || tablename FROM pg_tables WHERE schemaname NOT IN"
                + " ('pg_catalog', 'information_schema', 'workspace') ORDER BY 1", List.of())
                .forEach(row -> tables.add(row.getString(0)));
        assertThat(tables).contains("ingest.rejected_message", "twin.twin", "detection.alert_state",
                "query.query_schema_history");

        List<String> readable = new ArrayList<>();
        for (String table : tables) {
            PgException refused = refusal("SELECT * FROM " + table + " LIMIT 1");
            if (refused == null || !"42501".equals(refused.getSqlState())) {
                readable.add(table + (refused == null ? "" : " (" + refused.getSqlState() + ")"));
            }
        }
        assertThat(readable).as("tables the reader can read outside the workspace").isEmpty();
    }

    @Test
    void theReaderCannotReachTwinKeysOrServerSecrets() {
        assertThat(refusal("SELECT primary_key, secondary_key FROM twin.twin").getSqlState()).isEqualTo("42501");
        assertThat(refusal("SELECT rolpassword FROM pg_authid").getSqlState()).isEqualTo("42501");
        assertThat(refusal("SELECT pg_read_file('postgresql.conf')").getSqlState()).isEqualTo("42501");
    }

    @Test
    void theReaderReadsTheWorkspaceAndWritesNothing() {
        for (String table : List.of("workspace.security_alert", "workspace.security_recommendation",
                "workspace.security_iot_raw_event")) {
            assertThat(refusal("SELECT count(*) FROM " + table)).as(table).isNull();
            assertThat(refusal("DELETE FROM " + table).getSqlState()).as(table).isEqualTo("42501");
        }
        assertThat(refusal("CREATE TABLE workspace.planted (x int)").getSqlState()).isEqualTo("42501");
        assertThat(refusal("SELECT kql.to_long('12')")).as("the compiler's own functions").isNull();
    }

    /** What PostgreSQL answers {@code sql} under the reader role: null when it ran. */
    private static PgException refusal(String sql) {
        try {
            database.executeAs(READER, sql, List.of());
            return null;
        } catch (PgException e) {
            return e;
        }
    }
}
