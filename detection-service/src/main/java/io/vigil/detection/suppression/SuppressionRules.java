package io.vigil.detection.suppression;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.vertx.core.Future;
import io.vertx.sqlclient.Pool;
import io.vertx.sqlclient.Row;
import io.vertx.sqlclient.RowSet;
import io.vertx.sqlclient.SqlClient;
import io.vertx.sqlclient.Tuple;
import jakarta.enterprise.context.ApplicationScoped;

import java.io.IOException;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

/**
 * Suppression rules in {@code detection.suppression_rule}, read by every batch in its own transaction (so every
 * replica applies the same rules at once), created and deleted with an entry in {@code detection.suppression_change}.
 */
@ApplicationScoped
public class SuppressionRules {

    private static final String COLUMNS = "id, hub, device_id, alert_type, evidence::text AS evidence, reason, created_by, created_at, expires_at";
    private static final String ACTIVE = "SELECT " + COLUMNS + " FROM detection.suppression_rule WHERE expires_at IS NULL OR expires_at > $1";
    private static final String ALL = "SELECT " + COLUMNS + " FROM detection.suppression_rule ORDER BY created_at, id";
    /**
     * Rules kept at most, expired ones included until deleted: every feed batch reads the rules in force and the list
     * endpoint returns them all, so their number must stay small.
     */
    public static final int MAX_RULES = 1000;
    private static final String INSERT = "INSERT INTO detection.suppression_rule (id, hub, device_id, alert_type, evidence, reason, created_by,"
            + " expires_at) SELECT $1::uuid, $2::text, $3::text, $4::text, $5::text::jsonb, $6::text, $7::text, $8::timestamptz"
            + " WHERE (SELECT count(*) FROM detection.suppression_rule) < $9::int RETURNING " + COLUMNS;
    private static final String DELETE = "DELETE FROM detection.suppression_rule WHERE id = $1 RETURNING " + COLUMNS;
    private static final String AUDIT = "INSERT INTO detection.suppression_change (rule_id, actor, action, rule) VALUES ($1, $2, $3, $4::text::jsonb)";

    private final Pool pool;
    private final ObjectMapper mapper;

    SuppressionRules(Pool pool, ObjectMapper mapper) {
        this.pool = pool;
        this.mapper = mapper;
    }

    /** The rules in force at a time, read on the caller's connection. */
    public Future<List<SuppressionRule>> active(SqlClient client, Instant now) {
        return client.preparedQuery(ACTIVE).execute(Tuple.of(OffsetDateTime.ofInstant(now, ZoneOffset.UTC))).map(this::rules);
    }

    public Future<List<SuppressionRule>> all() {
        return pool.preparedQuery(ALL).execute().map(this::rules);
    }

    /** The new rule, or empty when {@link #MAX_RULES} are kept already. */
    public Future<Optional<SuppressionRule>> create(String hub, String deviceId, String alertType, ObjectNode evidence, String reason,
                                                    Instant expiresAt, String actor) {
        return pool.withTransaction(connection -> connection.preparedQuery(INSERT).execute(Tuple.tuple(Arrays.asList(UUID.randomUUID(), hub,
                        deviceId, alertType, evidence.toString(), reason, actor,
                        expiresAt == null ? null : OffsetDateTime.ofInstant(expiresAt, ZoneOffset.UTC), MAX_RULES)))
                .compose(rows -> {
                    List<SuppressionRule> created = rules(rows);
                    if (created.isEmpty()) {
                        return Future.succeededFuture(Optional.<SuppressionRule>empty());
                    }
                    return audit(connection, created.get(0), actor, "created").map(Optional.of(created.get(0)));
                }));
    }

    /** False when there is no such rule. */
    public Future<Boolean> delete(UUID id, String actor) {
        return pool.withTransaction(connection -> connection.preparedQuery(DELETE).execute(Tuple.of(id)).compose(rows -> rows.size() == 0
                ? Future.succeededFuture(false) : audit(connection, rules(rows).get(0), actor, "deleted").map(true)));
    }

    private Future<Void> audit(SqlClient client, SuppressionRule rule, String actor, String action) {
        try {
            return client.preparedQuery(AUDIT).execute(Tuple.of(rule.id(), actor, action, mapper.writeValueAsString(rule))).mapEmpty();
        } catch (IOException e) {
            return Future.failedFuture(e);
        }
    }

    private List<SuppressionRule> rules(RowSet<Row> rows) {
        List<SuppressionRule> rules = new ArrayList<>();
        for (Row row : rows) {
            try {
                OffsetDateTime expires = row.getOffsetDateTime("expires_at");
                rules.add(new SuppressionRule(row.getUUID("id"), row.getString("hub"), row.getString("device_id"), row.getString("alert_type"),
                        (ObjectNode) mapper.readTree(row.getString("evidence")), row.getString("reason"), row.getString("created_by"),
                        row.getOffsetDateTime("created_at").toInstant(), expires == null ? null : expires.toInstant()));
            } catch (IOException e) {
                throw new IllegalStateException("a suppression rule's evidence in the database is not JSON", e);
            }
        }
        return rules;
    }
}
