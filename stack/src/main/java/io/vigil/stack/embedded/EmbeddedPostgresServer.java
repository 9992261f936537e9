package io.vigil.stack.embedded;

import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;

/**
 * A real PostgreSQL server (binaries from Maven Central) whose data lives in a folder of the user's choosing,
 * so that it survives restarts unless a clean start is asked for.
 */
public final class EmbeddedPostgresServer implements AutoCloseable {

    public static final String USER = "postgres";

    private final EmbeddedPostgres postgres;

    private EmbeddedPostgresServer(EmbeddedPostgres postgres) {
        this.postgres = postgres;
    }

    public static EmbeddedPostgresServer start(Path dataDirectory, int port, boolean clean) throws IOException {
        // The library's own "clean" mode also deletes the data when the server stops, so a fresh cluster is
        // prepared here instead: initdb wants a folder with nothing in it, not even a stale lock file.
        if (clean || !Files.exists(dataDirectory.resolve("PG_VERSION"))) {
            Folders.deleteRecursively(dataDirectory);
        }
        Files.createDirectories(dataDirectory);
        EmbeddedPostgres postgres = EmbeddedPostgres.builder()
                .setDataDirectory(dataDirectory)
                .setCleanDataDirectory(false)
                .setPort(port)
                .setServerConfig("max_connections", "300")
                .setServerConfig("synchronous_commit", "on")
                // The server's 128MB default holds less than one day's raw-event key index at a few thousand events
                // a second; with the query benchmark's workspace, 1GB let ingest keep up at 8,600 events/s instead
                // of 6,800 (one run each, README Performance). Memory is taken as pages are used, not up front.
                .setServerConfig("shared_buffers", "1GB")
                .start();
        return new EmbeddedPostgresServer(postgres);
    }

    public int port() {
        return postgres.getPort();
    }

    /** Creates the database unless it exists already. */
    public void ensureDatabase(String name) throws SQLException {
        ensureDatabase("localhost", port(), USER, "", name);
    }

    /** Creates a database on any PostgreSQL server unless it exists already. */
    public static void ensureDatabase(String host, int port, String user, String password, String name) throws SQLException {
        if (!name.matches("[A-Za-z_][A-Za-z0-9_]{0,62}")) {
            throw new SQLException("database name must be a plain identifier: " + name);
        }
        String url = "jdbc:postgresql://" + host + ":" + port + "/postgres";
        try (Connection connection = DriverManager.getConnection(url, user, password);
             PreparedStatement exists = connection.prepareStatement("SELECT 1 FROM pg_database WHERE datname = ?")) {
            exists.setString(1, name);
            try (ResultSet rows = exists.executeQuery()) {
                if (rows.next()) {
                    return;
                }
            }
            try (var create = connection.createStatement()) {
                create.execute("CREATE DATABASE \"" + name + "\"");
            }
        }
    }

    @Override
    public void close() throws IOException {
        postgres.close();
    }
}
