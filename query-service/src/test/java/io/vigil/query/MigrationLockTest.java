package io.vigil.query;

import static org.assertj.core.api.Assertions.assertThat;

import io.vigil.testing.Infrastructure;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import org.flywaydb.core.Flyway;
import org.junit.jupiter.api.Test;

/**
 * The services start together and migrate one database under separate histories, so migrations that touch the
 * workspace tables must not run side by side. The workspace's {@code beforeEachMigrate} callback takes one
 * advisory lock in every migration's transaction; this runs query-service's migrations, plus a probe that takes no
 * lock of its own, with plain Flyway and the service's settings.
 */
class MigrationLockTest {

    @Test
    void everyMigrationOfTheServiceRunsHoldingTheWorkspaceLock() throws SQLException {
        Infrastructure infrastructure = Infrastructure.shared();
        String database = Infrastructure.testDatabase("vigil_migration_lock");
        infrastructure.recreateDatabase(database);

        Flyway.configure()
                .dataSource(infrastructure.jdbcUrl(database), infrastructure.dbUser(), infrastructure.dbPassword())
                .schemas("query")
                .table("query_schema_history")
                .locations("classpath:db/workspace", "classpath:db/query", "classpath:db/lockprobe")
                .load()
                .migrate();

        try (Connection connection = infrastructure.connect(database);
             Statement statement = connection.createStatement();
             ResultSet probe = statement.executeQuery("SELECT workspace_lock_held FROM query.lock_probe")) {
            assertThat(probe.next()).isTrue();
            assertThat(probe.getBoolean(1)).as("the probe migration ran holding advisory lock 7311001").isTrue();
        }
    }
}
