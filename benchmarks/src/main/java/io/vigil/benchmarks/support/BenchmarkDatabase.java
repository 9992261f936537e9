package io.vigil.benchmarks.support;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.util.Set;

/**
 * The suite's PostgreSQL as the benchmarks reach it over JDBC, the embedded one of {@code ./vigil} by default:
 * {@code --db-host}, {@code --db-port} (15432), {@code --db-name} (vigil), {@code --db-user} (postgres),
 * {@code --db-password}.
 */
public record BenchmarkDatabase(String host, int port, String name, String user, String password) {

    public static final Set<String> OPTIONS = Set.of("--db-host", "--db-port", "--db-name", "--db-user", "--db-password");

    public static BenchmarkDatabase from(Arguments arguments) {
        return new BenchmarkDatabase(arguments.text("--db-host", "localhost"), arguments.integer("--db-port", 15432),
                arguments.text("--db-name", "vigil"), arguments.text("--db-user", "postgres"), arguments.text("--db-password", ""));
    }

    public Connection connect() throws SQLException {
        return DriverManager.getConnection("jdbc:postgresql://" + host + ":" + port + "/" + name, user, password);
    }
}
