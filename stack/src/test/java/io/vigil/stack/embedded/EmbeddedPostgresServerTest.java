package io.vigil.stack.embedded;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;

import static org.assertj.core.api.Assertions.assertThat;

class EmbeddedPostgresServerTest {

    @TempDir
    Path data;

    @Test
    void dataSurvivesARestartUnlessACleanStartIsAsked() throws Exception {
        try (EmbeddedPostgresServer server = EmbeddedPostgresServer.start(data, Ports.any(), false)) {
            server.ensureDatabase("vigil");
            execute(server, "CREATE TABLE kept (id int)");
        }
        try (EmbeddedPostgresServer server = EmbeddedPostgresServer.start(data, Ports.any(), false)) {
            server.ensureDatabase("vigil");
            assertThat(tableExists(server)).as("table after a normal restart").isTrue();
        }
        try (EmbeddedPostgresServer server = EmbeddedPostgresServer.start(data, Ports.any(), true)) {
            server.ensureDatabase("vigil");
            assertThat(tableExists(server)).as("table after a clean start").isFalse();
        }
    }

    private static void execute(EmbeddedPostgresServer server, String sql) throws SQLException {
        try (Connection connection = connect(server); var statement = connection.createStatement()) {
            statement.execute(sql);
        }
    }

    private static boolean tableExists(EmbeddedPostgresServer server) throws SQLException {
        try (Connection connection = connect(server); var statement = connection.createStatement();
             var rows = statement.executeQuery("SELECT to_regclass('public.kept') IS NOT NULL")) {
            rows.next();
            return rows.getBoolean(1);
        }
    }

    private static Connection connect(EmbeddedPostgresServer server) throws SQLException {
        return DriverManager.getConnection("jdbc:postgresql://localhost:" + server.port() + "/vigil", "postgres", "");
    }
}
