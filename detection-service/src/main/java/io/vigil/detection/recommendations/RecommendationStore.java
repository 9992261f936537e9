package io.vigil.detection.recommendations;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.vertx.core.Future;
import io.vertx.sqlclient.Row;
import io.vertx.sqlclient.SqlConnection;
import io.vertx.sqlclient.Tuple;
import io.vigil.contracts.findings.RecommendationNotice;
import jakarta.enterprise.context.ApplicationScoped;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

/**
 * Applies snapshot assessments: a recommendation becomes Active (or gets new details) when a snapshot shows the
 * problem and Resolved when a later one does not. SecurityRecommendation holds each one's current record, the
 * history goes to detection.recommendation_change, and every change comes back as a notice for the twins.
 */
@ApplicationScoped
public class RecommendationStore {

    private static final String CURRENT = """
            SELECT recommendation_state, recommendation_additional_data::text AS details, discovered_time_utc
            FROM workspace.security_recommendation
            WHERE assessed_resource_id = $1 AND device_id = $2 AND recommendation_name = $3
            FOR UPDATE
            """;
    private static final String UPSERT = """
            INSERT INTO workspace.security_recommendation (assessed_resource_id, device_id, recommendation_name,
                recommendation_display_name, description, recommendation_severity, recommendation_state,
                recommendation_additional_data, discovered_time_utc, resolved_time_utc, recommendation_id,
                first_evaluation_date, status_change_date, is_snapshot, properties)
            VALUES ($1, $2, $3, $4, $5, $6, $7, $8::text::jsonb, $9, $10, $11, $9, now(), true, '{}'::jsonb)
            ON CONFLICT (assessed_resource_id, device_id, recommendation_name) DO UPDATE SET
                time_generated = now(), recommendation_state = excluded.recommendation_state,
                recommendation_additional_data = excluded.recommendation_additional_data,
                discovered_time_utc = excluded.discovered_time_utc, resolved_time_utc = excluded.resolved_time_utc,
                status_change_date = now()
            """;
    private static final String HISTORY = """
            INSERT INTO detection.recommendation_change (hub, device_id, name, state, details) VALUES ($1, $2, $3, $4, $5::text::jsonb)
            """;

    private final ObjectMapper mapper;

    RecommendationStore(ObjectMapper mapper) {
        this.mapper = mapper;
    }

    public Future<List<RecommendationNotice>> apply(SqlConnection connection, String hub, String deviceId, Instant at,
                                                    List<Assessment> assessments) {
        List<RecommendationNotice> notices = new ArrayList<>();
        Future<Void> chain = Future.succeededFuture();
        for (Assessment assessment : assessments) {
            chain = chain.compose(v -> applyOne(connection, hub, deviceId, at, assessment)).map(notice -> {
                if (notice != null) {
                    notices.add(notice);
                }
                return null;
            });
        }
        return chain.map(v -> notices);
    }

    private Future<RecommendationNotice> applyOne(SqlConnection connection, String hub, String deviceId, Instant at,
                                                  Assessment assessment) {
        RecommendationType type = assessment.type();
        return connection.preparedQuery(CURRENT).execute(Tuple.of(hub, deviceId, type.recommendationName()))
                .compose(rows -> {
                    Row current = rows.size() == 0 ? null : rows.iterator().next();
                    boolean wasActive = current != null && "Active".equals(current.getString("recommendation_state"));
                    String details = assessment.details().toString();
                    if (assessment.active()) {
                        if (wasActive && sameJson(current.getString("details"), details)) {
                            return Future.succeededFuture(null);
                        }
                        Instant discovered = wasActive ? current.getOffsetDateTime("discovered_time_utc").toInstant() : at;
                        return write(connection, hub, deviceId, type, "Active", details, discovered, null)
                                .map(v -> notice(hub, deviceId, type, "Active", discovered, null, assessment.details()));
                    }
                    if (!wasActive) {
                        return Future.succeededFuture(null);
                    }
                    Instant discovered = current.getOffsetDateTime("discovered_time_utc").toInstant();
                    String previous = current.getString("details");
                    return write(connection, hub, deviceId, type, "Resolved", previous, discovered, at)
                            .map(v -> notice(hub, deviceId, type, "Resolved", discovered, at, parse(previous)));
                });
    }

    private Future<Void> write(SqlConnection connection, String hub, String deviceId, RecommendationType type, String state,
                               String details, Instant discovered, Instant resolved) {
        String recommendationId = UUID.nameUUIDFromBytes((hub + "\n" + deviceId + "\n" + type.recommendationName())
                .getBytes(StandardCharsets.UTF_8)).toString();
        Tuple values = Tuple.tuple().addValue(hub).addValue(deviceId).addValue(type.recommendationName())
                .addValue(type.displayName()).addValue(type.description()).addValue(type.severity()).addValue(state)
                .addValue(details).addValue(utc(discovered)).addValue(resolved == null ? null : utc(resolved))
                .addValue(recommendationId);
        return connection.preparedQuery(UPSERT).execute(values)
                .compose(v -> connection.preparedQuery(HISTORY).execute(Tuple.of(hub, deviceId, type.recommendationName(), state, details)))
                .mapEmpty();
    }

    private RecommendationNotice notice(String hub, String deviceId, RecommendationType type, String state, Instant discovered,
                                        Instant resolved, ObjectNode details) {
        return new RecommendationNotice(RecommendationNotice.CURRENT_VERSION, hub, deviceId, type.recommendationName(),
                type.severity(), state, discovered, resolved, details);
    }

    private boolean sameJson(String a, String b) {
        return parse(a).equals(parse(b));
    }

    private ObjectNode parse(String json) {
        try {
            return (ObjectNode) mapper.readTree(json);
        } catch (IOException | ClassCastException e) {
            return mapper.createObjectNode();
        }
    }

    private static OffsetDateTime utc(Instant instant) {
        return instant.atOffset(ZoneOffset.UTC);
    }

}
