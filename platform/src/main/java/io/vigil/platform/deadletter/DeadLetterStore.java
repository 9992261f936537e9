package io.vigil.platform.deadletter;

import io.quarkus.arc.properties.IfBuildProperty;
import io.vertx.core.Future;
import io.vertx.core.buffer.Buffer;
import io.vertx.sqlclient.Pool;
import io.vertx.sqlclient.Row;
import io.vertx.sqlclient.Tuple;
import io.vigil.platform.broker.DeadLetters;
import io.vigil.platform.broker.InboundMessage;
import jakarta.enterprise.context.ApplicationScoped;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.regex.Pattern;

/** The service's dead letters in PostgreSQL. */
@ApplicationScoped
@IfBuildProperty(name = "vigil.dead-letters.enabled", stringValue = "true")
public class DeadLetterStore implements DeadLetters {

    private static final Pattern TABLE = Pattern.compile("[a-z_][a-z0-9_]*\\.[a-z_][a-z0-9_]*");

    private final Pool pool;
    private final DeadLetterConfig config;
    private final String insert;
    private final String page;
    private final String one;
    private final String delete;

    DeadLetterStore(Pool pool, DeadLetterConfig config) {
        String table = config.table().orElseThrow(() -> new IllegalStateException(
                "vigil.dead-letters.enabled is true but vigil.dead-letters.table is not set"));
        if (!TABLE.matcher(table).matches()) {
            throw new IllegalArgumentException("vigil.dead-letters.table must be schema.table in lower case, not " + table);
        }
        this.pool = pool;
        this.config = config;
        // The table name is configuration checked above, never input; everything else is bound.
        this.insert = "INSERT INTO " + table + " (consumer, topic, payload, reason, attempts) VALUES ($1, $2, $3, $4, $5)";
        this.page = "SELECT id, consumer, topic, octet_length(payload) AS size, reason, attempts, parked_at FROM " + table
                + " WHERE id < $1 ORDER BY id DESC LIMIT $2";
        this.one = "SELECT id, consumer, topic, payload, octet_length(payload) AS size, reason, attempts, parked_at FROM " + table
                + " WHERE id = $1";
        this.delete = "DELETE FROM " + table + " WHERE id = $1";
    }

    @Override
    public boolean isPermanent(Throwable failure) {
        return !PassingFailures.isPassing(failure);
    }

    @Override
    public Future<Void> park(String consumer, InboundMessage message, Throwable failure, int attempts) {
        String reason = failure.toString();
        if (reason.length() > config.maxReasonLength()) {
            reason = reason.substring(0, config.maxReasonLength());
        }
        return pool.preparedQuery(insert)
                .execute(Tuple.of(consumer, message.topic(), Buffer.buffer(message.payload()), reason, attempts))
                .mapEmpty();
    }

    /** Newest first, below {@code before}. */
    public Future<List<DeadLetter>> page(long before, int limit) {
        return pool.preparedQuery(page).execute(Tuple.of(before, limit))
                .map(rows -> {
                    List<DeadLetter> letters = new ArrayList<>();
                    rows.forEach(row -> letters.add(letter(row)));
                    return letters;
                });
    }

    /** A dead letter with its original bytes. */
    public Future<Optional<Parked>> find(long id) {
        return pool.preparedQuery(one).execute(Tuple.of(id)).map(rows -> {
            if (rows.size() == 0) {
                return Optional.empty();
            }
            Row row = rows.iterator().next();
            return Optional.of(new Parked(letter(row), row.getBuffer("payload").getBytes()));
        });
    }

    /** True when it was there. */
    public Future<Boolean> remove(long id) {
        return pool.preparedQuery(delete).execute(Tuple.of(id)).map(rows -> rows.rowCount() > 0);
    }

    public record Parked(DeadLetter letter, byte[] payload) {
    }

    private static DeadLetter letter(Row row) {
        return new DeadLetter(row.getLong("id"), row.getString("consumer"), row.getString("topic"), row.getInteger("size"),
                row.getString("reason"), row.getInteger("attempts"), row.getOffsetDateTime("parked_at"));
    }
}
