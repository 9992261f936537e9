package io.vigil.twin.audit;

import io.vertx.core.Future;
import io.vertx.sqlclient.Pool;
import io.vertx.sqlclient.Row;
import io.vertx.sqlclient.SqlClient;
import io.vertx.sqlclient.Tuple;
import io.vigil.twin.http.TwinApiException;
import jakarta.enterprise.context.ApplicationScoped;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/**
 * Who changed what of a hub, and whether it worked ({@code twin.audit_event}). A change's entry is written with the
 * change, on the change's connection, so there is no change without its entry; a failed attempt's entry is written
 * on its own.
 */
@ApplicationScoped
public class AuditTrail {

    private static final String INSERT = "INSERT INTO twin.audit_event (hub, actor, action, target, outcome, reason) VALUES ($1, $2, $3, $4, $5, $6)";
    private static final String PAGE = "SELECT id, at, actor, action, target, outcome, reason FROM twin.audit_event"
            + " WHERE hub = $1 AND id < $2 ORDER BY id DESC LIMIT $3";

    private final Pool pool;

    AuditTrail(Pool pool) {
        this.pool = pool;
    }

    /** One entry of the trail. */
    public record Entry(long id, Instant at, String actor, String action, String target, String outcome, String reason) {
    }

    public Future<Void> succeeded(SqlClient client, String hub, String actor, String action, String target) {
        return client.preparedQuery(INSERT).execute(Tuple.of(hub, actor, action, target, "succeeded", null)).mapEmpty();
    }

    public Future<Void> failed(String hub, String actor, String action, String target, String reason) {
        return pool.preparedQuery(INSERT).execute(Tuple.of(hub, actor, action, target, "failed", reason)).mapEmpty();
    }

    /**
     * The attempt as it is, with a failed entry in the trail when it fails (one that works writes its own entry with
     * the change).
     */
    public <T> Future<T> failureRecorded(Future<T> attempt, String hub, String actor, String action, String target) {
        return attempt.recover(failure -> failed(hub, actor, action, target, reason(failure))
                .transform(v -> Future.<T>failedFuture(failure)));
    }

    /** Why an attempt failed, as the trail and the hub events say it: the refusal's code and message, never a stack trace. */
    public static String reason(Throwable failure) {
        return failure instanceof TwinApiException refused ? refused.code() + ": " + refused.getMessage() : "storage failed";
    }

    /** The hub's newest entries before {@code beforeId}. */
    public Future<List<Entry>> page(String hub, long beforeId, int limit) {
        return pool.preparedQuery(PAGE).execute(Tuple.of(hub, beforeId, limit)).map(rows -> {
            List<Entry> entries = new ArrayList<>();
            for (Row row : rows) {
                entries.add(new Entry(row.getLong("id"), row.getOffsetDateTime("at").toInstant(), row.getString("actor"),
                        row.getString("action"), row.getString("target"), row.getString("outcome"), row.getString("reason")));
            }
            return entries;
        });
    }
}
