package io.vigil.platform.readonly;

import io.vertx.core.Future;
import io.vertx.sqlclient.Pool;
import io.vertx.sqlclient.Row;
import io.vertx.sqlclient.RowSet;
import io.vertx.sqlclient.SqlConnection;
import io.vertx.sqlclient.Tuple;

import java.time.Duration;
import java.util.Map;
import java.util.Objects;
import java.util.regex.Pattern;

/**
 * Runs an operator's query (KQL, twin query) as one statement in a read-only transaction of its own, under a
 * restricted role, a statement timeout and any other session settings, so that it can neither write, nor read
 * outside what the role may, nor run forever.
 * <p>
 * Fewer waits than {@code Pool.withTransaction} followed by a settings query and the statement (each of which waits
 * for the one before): {@code BEGIN READ ONLY} and the settings go in one simple query, the statement is sent right
 * behind it without waiting (the connection keeps the order, and if a setting fails the transaction is aborted, so
 * the statement fails too and never runs without its role), and {@code COMMIT} right behind the statement, which
 * ends an aborted transaction as well. The three go out together and the caller waits for one round trip.
 */
public final class ReadOnlyStatement {

    private static final Pattern SETTING_NAME = Pattern.compile("[a-z_]+");
    private static final Pattern SETTING_VALUE = Pattern.compile("[A-Za-z0-9_.]+");

    private final Pool pool;
    private final String begin;

    /**
     * @param role     the role the statement runs as ({@code SET LOCAL ROLE}); configuration, never a request's input
     * @param timeout  PostgreSQL's {@code statement_timeout} for it
     * @param settings other {@code SET LOCAL} settings (name to value, like {@code work_mem} = {@code 32MB}); names
     *                 and values are checked, since they are spliced into the statement, not bound
     */
    public ReadOnlyStatement(Pool pool, String role, Duration timeout, Map<String, String> settings) {
        this.pool = Objects.requireNonNull(pool, "pool");
        StringBuilder sql = new StringBuilder("BEGIN READ ONLY; SET LOCAL statement_timeout = ").append(timeout.toMillis());
        settings.forEach((name, value) -> {
            if (!SETTING_NAME.matcher(name).matches() || !SETTING_VALUE.matcher(value).matches()) {
                throw new IllegalArgumentException("not a setting PostgreSQL takes here: " + name + " = " + value);
            }
            sql.append("; SET LOCAL ").append(name).append(" = '").append(value).append('\'');
        });
        sql.append("; SET LOCAL ROLE \"").append(role.replace("\"", "\"\"")).append('"');
        this.begin = sql.toString();
    }

    /** The statement's rows; fails with the database's error (the settings' own, when they are what failed). */
    public Future<RowSet<Row>> execute(String sql, Tuple parameters) {
        return pool.withConnection(connection -> run(connection, sql, parameters));
    }

    private Future<RowSet<Row>> run(SqlConnection connection, String sql, Tuple parameters) {
        Future<RowSet<Row>> settings = connection.query(begin).execute();
        Future<RowSet<Row>> rows = connection.preparedQuery(sql).execute(parameters);
        Future<RowSet<Row>> commit = connection.query("COMMIT").execute();
        return rows.transform(done -> commit
                .transform(committed -> {
                    if (settings.failed()) {
                        return Future.failedFuture(settings.cause());
                    }
                    if (done.failed()) {
                        return Future.failedFuture(done.cause());
                    }
                    if (committed.failed()) {
                        return Future.failedFuture(committed.cause());
                    }
                    return Future.succeededFuture(done.result());
                }));
    }
}
