package io.vigil.testing;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.util.Locale;

/**
 * The PostgreSQL server and MQTT broker that tests of this JVM talk to, resolved once.
 * <p>
 * {@code VIGIL_TEST_INFRASTRUCTURE} chooses: {@code machine} (PostgreSQL on 127.0.0.1:5432 and a broker on
 * 127.0.0.1:1883, as in CI), {@code embedded} (embedded PostgreSQL and HiveMQ in a child process), or
 * {@code auto}, the default: the machine's when both answer, the embedded ones otherwise.
 */
public record Infrastructure(String mode, String dbHost, int dbPort, String dbUser, String dbPassword,
                             String brokerHost, int brokerPort) {

    private static Infrastructure shared;

    public static synchronized Infrastructure shared() {
        if (shared == null) {
            shared = resolve();
        }
        return shared;
    }

    private static Infrastructure resolve() {
        String choice = env("VIGIL_TEST_INFRASTRUCTURE", "auto").toLowerCase(Locale.ROOT);
        String dbHost = env("VIGIL_TEST_DB_HOST", "127.0.0.1");
        int dbPort = Integer.parseInt(env("VIGIL_TEST_DB_PORT", "5432"));
        String brokerHost = env("VIGIL_TEST_BROKER_HOST", "127.0.0.1");
        int brokerPort = Integer.parseInt(env("VIGIL_TEST_BROKER_PORT", "1883"));
        boolean machineAnswers = answers(dbHost, dbPort) && answers(brokerHost, brokerPort);
        if (choice.equals("machine") || (choice.equals("auto") && machineAnswers)) {
            return new Infrastructure("machine", dbHost, dbPort, env("VIGIL_TEST_DB_USER", "postgres"),
                    env("VIGIL_TEST_DB_PASSWORD", ""), brokerHost, brokerPort);
        }
        return EmbeddedInfrastructureProcess.start();
    }

    /**
     * The name a test run gives a database of its own: {@code base}, followed by {@code _} and
     * {@code VIGIL_TEST_DATABASE_TAG} when that is set, so that two checkouts can run their tests against the same
     * server at the same time without recreating each other's databases.
     */
    public static String testDatabase(String base) {
        String tag = env("VIGIL_TEST_DATABASE_TAG", "").toLowerCase(Locale.ROOT).replaceAll("[^a-z0-9_]", "_");
        return tag.isEmpty() ? base : base + "_" + tag;
    }

    /** JDBC URL of a database on this server. */
    public String jdbcUrl(String database) {
        return "jdbc:postgresql://" + dbHost + ":" + dbPort + "/" + database;
    }

    public Connection connect(String database) throws SQLException {
        return DriverManager.getConnection(jdbcUrl(database), dbUser, dbPassword);
    }

    /** Drops and recreates a database, so that every test run starts from an empty schema. */
    public void recreateDatabase(String database) {
        if (!database.matches("[a-z_][a-z0-9_]{0,62}")) {
            throw new IllegalArgumentException("not a plain database name: " + database);
        }
        try (Connection admin = connect("postgres"); var statement = admin.createStatement()) {
            statement.execute("DROP DATABASE IF EXISTS " + database + " WITH (FORCE)");
            statement.execute("CREATE DATABASE " + database);
        } catch (SQLException e) {
            throw new IllegalStateException("cannot prepare test database " + database + " on " + dbHost + ":" + dbPort, e);
        }
    }

    static boolean answers(String host, int port) {
        try (Socket socket = new Socket()) {
            socket.connect(new InetSocketAddress(host, port), 500);
            return true;
        } catch (IOException e) {
            return false;
        }
    }

    private static String env(String name, String fallback) {
        String value = System.getenv(name);
        return value == null || value.isBlank() ? fallback : value;
    }
}
