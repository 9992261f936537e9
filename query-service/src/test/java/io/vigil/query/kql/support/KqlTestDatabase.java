package io.vigil.query.kql.support;

import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.json.JsonArray;
import io.vertx.pgclient.PgException;
import io.vertx.pgclient.PgConnectOptions;
import io.vertx.pgclient.PgConnection;
import io.vertx.sqlclient.Row;
import io.vertx.sqlclient.RowSet;
import io.vertx.sqlclient.Transaction;
import io.vertx.sqlclient.Tuple;
import io.vertx.sqlclient.desc.ColumnDescriptor;
import io.vigil.query.kql.CompiledKql;
import io.vigil.testing.Infrastructure;

import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.net.URL;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileSystem;
import java.nio.file.FileSystems;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.stream.Stream;

/**
 * The PostgreSQL database of the KQL execution tests: recreated once per JVM, with the workspace DDL (read from
 * the contracts module) and the fixture rows of {@code kql/fixtures.sql}. Compiled queries run through the Vert.x
 * PostgreSQL client, exactly as the service runs them.
 */
public final class KqlTestDatabase {

    public static final String DATABASE = Infrastructure.testDatabase("vigil_test_kql");

    private static KqlTestDatabase shared;

    private final Vertx vertx;
    private final PgConnection connection;

    private KqlTestDatabase(Vertx vertx, PgConnection connection) {
        this.vertx = vertx;
        this.connection = connection;
    }

    public static synchronized KqlTestDatabase shared() {
        if (shared == null) {
            shared = create();
        }
        return shared;
    }

    private static KqlTestDatabase create() {
        Infrastructure infrastructure = Infrastructure.shared();
        infrastructure.recreateDatabase(DATABASE);
        try (Connection jdbc = infrastructure.connect(DATABASE); Statement statement = jdbc.createStatement()) {
            for (String ddl : workspaceDdl()) {
                statement.execute(ddl);
            }
            // The service's own migrations: the reader role and the kql.* conversion functions compiled SQL calls.
            for (String ddl : queryServiceDdl()) {
                statement.execute(ddl);
            }
            statement.execute(resource("kql/fixtures.sql"));
        } catch (SQLException e) {
            throw new IllegalStateException("cannot prepare the KQL test database", e);
        }
        Vertx vertx = Vertx.vertx();
        PgConnectOptions options = new PgConnectOptions()
                .setHost(infrastructure.dbHost())
                .setPort(infrastructure.dbPort())
                .setDatabase(DATABASE)
                .setUser(infrastructure.dbUser())
                .setPassword(infrastructure.dbPassword())
                // A session time zone other than UTC proves the SQL does not depend on it.
                .setProperties(Map.of("TimeZone", "America/New_York"));
        try {
            PgConnection connection = PgConnection.connect(vertx, options).toCompletionStage().toCompletableFuture()
                    .get(60, TimeUnit.SECONDS);
            Runtime.getRuntime().addShutdownHook(new Thread(() -> {
                connection.close();
                vertx.close();
            }));
            return new KqlTestDatabase(vertx, connection);
        } catch (Exception e) {
            vertx.close();
            throw new IllegalStateException("cannot connect to the KQL test database", e);
        }
    }

    /** Runs a compiled query; any database error fails the test with the SQL attached. */
    public QueryResult execute(CompiledKql compiled) {
        try {
            RowSet<Row> rows = connection.preparedQuery(compiled.sql()).execute(Tuple.from(compiled.parameters()))
                    .toCompletionStage().toCompletableFuture().get(60, TimeUnit.SECONDS);
            List<String> sqlTypes = new ArrayList<>();
            for (ColumnDescriptor descriptor : rows.columnDescriptors()) {
                sqlTypes.add(descriptor.typeName());
            }
            List<List<Object>> values = new ArrayList<>();
            for (Row row : rows) {
                List<Object> line = new ArrayList<>();
                for (int i = 0; i < row.size(); i++) {
                    line.add(row.getValue(i));
                }
                values.add(line);
            }
            return new QueryResult(sqlTypes, values);
        } catch (Exception e) {
            throw new AssertionError("the compiled SQL failed: " + e.getMessage() + "\nSQL: " + compiled.sql()
                    + "\nparameters: " + compiled.parameters(), e);
        }
    }

    /**
     * Runs {@code sql} with {@code parameters} in a transaction under {@code role} (taken with {@code SET LOCAL ROLE}, as
     * the service takes its reader role) and rolls it back; a database error comes back as the {@link PgException}.
     */
    public RowSet<Row> executeAs(String role, String sql, List<Object> parameters) {
        Transaction transaction = await(connection.begin());
        try {
            await(connection.query("SET LOCAL statement_timeout = 10000; SET LOCAL ROLE \"" + role.replace("\"", "\"\"")
                    + "\"").execute());
            return await(connection.preparedQuery(sql).execute(Tuple.from(parameters)));
        } finally {
            await(transaction.rollback());
        }
    }

    /** The plan PostgreSQL makes for a compiled query under {@code role}: EXPLAIN (VERBOSE, FORMAT JSON). */
    public JsonArray planAs(String role, CompiledKql compiled) {
        RowSet<Row> plan = executeAs(role, "EXPLAIN (VERBOSE, FORMAT JSON) " + compiled.sql(), compiled.parameters());
        Object value = plan.iterator().next().getValue(0);
        return value instanceof JsonArray array ? array : new JsonArray(String.valueOf(value));
    }

    /** Runs DDL or other SQL without parameters as the test database's superuser. */
    public void script(String sql) {
        try (Connection jdbc = Infrastructure.shared().connect(DATABASE); Statement statement = jdbc.createStatement()) {
            statement.execute(sql);
        } catch (SQLException e) {
            throw new IllegalStateException("the script failed: " + e.getMessage(), e);
        }
    }

    private static <T> T await(Future<T> future) {
        try {
            return future.toCompletionStage().toCompletableFuture().get(60, TimeUnit.SECONDS);
        } catch (ExecutionException e) {
            if (e.getCause() instanceof PgException pg) {
                throw pg;
            }
            throw new IllegalStateException("database call failed: " + e.getCause(), e.getCause());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        } catch (TimeoutException e) {
            throw new IllegalStateException("no answer from the database in 60 s", e);
        }
    }

    /** The workspace migrations in version order: from the contracts sources when present, else from the classpath. */
    static List<String> workspaceDdl() {
        try {
            Path sources = Path.of("..", "contracts", "src", "main", "resources", "db", "workspace");
            if (Files.isDirectory(sources)) {
                return readSqlFiles(sources);
            }
            URL url = KqlTestDatabase.class.getClassLoader().getResource("db/workspace");
            if (url == null) {
                throw new IllegalStateException("no db/workspace migrations on the classpath");
            }
            URI uri = url.toURI();
            if (uri.getScheme().equals("jar")) {
                try (FileSystem jar = FileSystems.newFileSystem(uri, Map.of())) {
                    return readSqlFiles(jar.getPath("db/workspace"));
                }
            }
            return readSqlFiles(Path.of(uri));
        } catch (Exception e) {
            throw new IllegalStateException("cannot read the workspace DDL", e);
        }
    }

    static List<String> queryServiceDdl() {
        try {
            URL url = KqlTestDatabase.class.getClassLoader().getResource("db/query");
            if (url == null) {
                throw new IllegalStateException("no db/query migrations on the classpath");
            }
            return readSqlFiles(Path.of(url.toURI()));
        } catch (Exception e) {
            throw new IllegalStateException("cannot read the query-service DDL", e);
        }
    }

    private static List<String> readSqlFiles(Path directory) throws IOException {
        List<String> scripts = new ArrayList<>();
        try (Stream<Path> files = Files.list(directory)) {
            List<Path> sorted = files.filter(p -> p.getFileName().toString().endsWith(".sql"))
                    .sorted(Comparator.comparing(p -> p.getFileName().toString())).toList();
            for (Path file : sorted) {
                scripts.add(Files.readString(file));
            }
        }
        return scripts;
    }

    public static String resource(String name) {
        try (InputStream in = KqlTestDatabase.class.getClassLoader().getResourceAsStream(name)) {
            if (in == null) {
                throw new IllegalStateException("missing test resource " + name);
            }
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new IllegalStateException("cannot read " + name, e);
        }
    }

    /** The rows of one execution with the PostgreSQL type names of its columns. */
    public record QueryResult(List<String> sqlTypes, List<List<Object>> rows) {
    }
}
