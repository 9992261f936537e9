package io.vigil.twin.query.support;

import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.pgclient.PgBuilder;
import io.vertx.pgclient.PgConnectOptions;
import io.vertx.sqlclient.Pool;
import io.vertx.sqlclient.PoolOptions;
import io.vertx.sqlclient.Row;
import io.vertx.sqlclient.RowSet;
import io.vertx.sqlclient.Tuple;
import io.vigil.testing.Infrastructure;
import io.vigil.twin.query.BoundQuery;

import java.io.IOException;
import java.net.URISyntaxException;
import java.net.URL;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.function.Function;
import java.util.stream.Stream;

/**
 * The real PostgreSQL database the query tests run against: recreated once per test JVM, migrated with the twin
 * service's own migration, reached through the Vert.x PG client as the service reaches it.
 */
public final class TwinTestDatabase {

    public static final String DATABASE = Infrastructure.testDatabase("vigil_test_twin_query");
    private static final String MIGRATIONS = "db/twin";

    private static TwinTestDatabase shared;

    private final Vertx vertx;
    private final Pool pool;

    private TwinTestDatabase(Vertx vertx, Pool pool) {
        this.vertx = vertx;
        this.pool = pool;
    }

    public static synchronized TwinTestDatabase shared() {
        if (shared == null) {
            Infrastructure infrastructure = Infrastructure.shared();
            infrastructure.recreateDatabase(DATABASE);
            Vertx vertx = Vertx.vertx();
            PgConnectOptions connect = new PgConnectOptions()
                    .setHost(infrastructure.dbHost())
                    .setPort(infrastructure.dbPort())
                    .setDatabase(DATABASE)
                    .setUser(infrastructure.dbUser())
                    .setPassword(infrastructure.dbPassword());
            Pool pool = PgBuilder.pool().with(new PoolOptions().setMaxSize(4)).connectingTo(connect).using(vertx)
                    .build();
            TwinTestDatabase database = new TwinTestDatabase(vertx, pool);
            database.script("CREATE SCHEMA twin");
            for (String migration : readMigrations()) {
                database.script(migration);
            }
            Runtime.getRuntime().addShutdownHook(new Thread(() -> {
                pool.close();
                vertx.close();
            }));
            shared = database;
        }
        return shared;
    }

    /** The twin service's own migrations, in version order (their names sort that way). */
    private static List<String> readMigrations() {
        try {
            URL folder = TwinTestDatabase.class.getClassLoader().getResource(MIGRATIONS);
            if (folder == null) {
                throw new IllegalStateException("migrations not on the classpath: " + MIGRATIONS);
            }
            try (Stream<Path> files = Files.list(Path.of(folder.toURI()))) {
                List<String> scripts = new ArrayList<>();
                for (Path file : files.filter(f -> f.getFileName().toString().endsWith(".sql")).sorted().toList()) {
                    scripts.add(Files.readString(file, StandardCharsets.UTF_8));
                }
                return scripts;
            }
        } catch (IOException | URISyntaxException e) {
            throw new IllegalStateException(e);
        }
    }

    /** Runs SQL text without parameters (may hold several statements). */
    public void script(String sql) {
        await(pool.query(sql).execute());
    }

    public void insertTwin(String hub, String deviceId, String moduleId, String documentJson) {
        await(pool.preparedQuery("INSERT INTO twin.twin (hub, device_id, module_id, document) "
                + "VALUES ($1, $2, $3, $4::text::jsonb)").execute(Tuple.of(hub, deviceId, moduleId, documentJson)));
    }

    public void updateTwin(String hub, String deviceId, String moduleId, String documentJson) {
        await(pool.preparedQuery("UPDATE twin.twin SET document = $4::text::jsonb, updated_at = now() "
                + "WHERE hub = $1 AND device_id = $2 AND module_id = $3")
                .execute(Tuple.of(hub, deviceId, moduleId, documentJson)));
    }

    public void deleteTwin(String hub, String deviceId, String moduleId) {
        await(pool.preparedQuery("DELETE FROM twin.twin WHERE hub = $1 AND device_id = $2 AND module_id = $3")
                .execute(Tuple.of(hub, deviceId, moduleId)));
    }

    public void deleteHub(String hub) {
        await(pool.preparedQuery("DELETE FROM twin.twin WHERE hub = $1").execute(Tuple.of(hub)));
    }

    /** Executes one page's statement exactly as the REST layer will. */
    public List<Row> execute(BoundQuery query) {
        return rows(await(pool.preparedQuery(query.sql()).execute(Tuple.from(query.parameters()))));
    }

    /** PostgreSQL's plan of a page's statement, EXPLAIN (VERBOSE, FORMAT JSON), as JSON text. */
    public String explainVerbose(BoundQuery query) {
        RowSet<Row> plan = await(pool.preparedQuery("EXPLAIN (VERBOSE, FORMAT JSON) " + query.sql())
                .execute(Tuple.from(query.parameters())));
        return String.valueOf(plan.iterator().next().getValue(0));
    }

    /** The plan of a page's statement with sequential scans disabled: shows which indexes can answer it. */
    public String planWithoutSequentialScans(BoundQuery query) {
        Function<io.vertx.sqlclient.SqlConnection, Future<RowSet<Row>>> explain = connection -> connection
                .query("SET LOCAL enable_seqscan = off").execute()
                .compose(ignored -> connection.preparedQuery("EXPLAIN " + query.sql())
                        .execute(Tuple.from(query.parameters())));
        StringBuilder plan = new StringBuilder();
        for (Row row : await(pool.withTransaction(explain::apply))) {
            plan.append(row.getString(0)).append('\n');
        }
        return plan.toString();
    }

    private static List<Row> rows(RowSet<Row> rowSet) {
        List<Row> rows = new ArrayList<>();
        rowSet.forEach(rows::add);
        return rows;
    }

    private static <T> T await(Future<T> future) {
        try {
            return future.toCompletionStage().toCompletableFuture().get(60, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        } catch (Exception e) {
            Throwable cause = e.getCause() != null ? e.getCause() : e;
            throw new IllegalStateException("database call failed: " + cause.getMessage(), cause);
        }
    }

    Vertx vertx() {
        return vertx;
    }
}
