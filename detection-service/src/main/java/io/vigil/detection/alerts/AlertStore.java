package io.vigil.detection.alerts;

import io.vertx.core.Future;
import io.vertx.sqlclient.Row;
import io.vertx.sqlclient.SqlConnection;
import io.vertx.sqlclient.Tuple;
import io.vigil.contracts.findings.AlertNotice;
import io.vigil.detection.AlertHit;
import io.vigil.detection.suppression.SuppressionRule;
import io.vigil.detection.suppression.SuppressionRules;
import io.vigil.detection.config.DetectionConfig;
import jakarta.enterprise.context.ApplicationScoped;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;

/**
 * Raises and updates alerts. Hits of one device and alert type inside one aggregation window make one alert:
 * the first raises it, later ones move its end time and count. Every change appends a SecurityAlert record with
 * the alert's stable SystemAlertId, StartTime, EndTime and TimeGenerated, and comes back as a notice for the twins.
 */
@ApplicationScoped
public class AlertStore {

    private static final String UPSERT = """
            INSERT INTO detection.alert_state AS a (hub, device_id, alert_type, window_start, system_alert_id, severity,
                start_time, end_time, hit_count, status)
            VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10)
            ON CONFLICT (hub, device_id, alert_type, window_start) DO UPDATE SET
                start_time = least(a.start_time, excluded.start_time),
                end_time = greatest(a.end_time, excluded.end_time),
                hit_count = a.hit_count + excluded.hit_count
            RETURNING system_alert_id, severity, status, start_time, end_time, hit_count
            """;
    private static final String RECORD = """
            INSERT INTO workspace.security_alert (alert_name, alert_type, alert_severity, display_name, description,
                compromised_entity, start_time, end_time, processing_end_time, extended_properties, entities, resource_id,
                system_alert_id, vendor_original_id, product_component_name, remediation_steps, status, device_id,
                confidence_level)
            VALUES ($1, $2, $3, $1, $4, $5, $6, $7, now(), $8, $9, $10, $11, $11, 'IoT agent', $12, $13, $5, 'Unknown')
            """;

    private final Duration window;
    private final SuppressionRules suppressions;

    AlertStore(DetectionConfig config, SuppressionRules suppressions) {
        this.window = config.alertWindow();
        this.suppressions = suppressions;
    }

    /**
     * Records the hits, under the suppression rules in force: an alert all of whose hits a rule covers is born
     * Dismissed, with the rule in its evidence (an alert that exists keeps its status).
     */
    public Future<List<AlertNotice>> record(SqlConnection connection, List<AlertHit> hits) {
        if (hits.isEmpty()) {
            return Future.succeededFuture(List.of());
        }
        Instant now = Instant.now();
        return suppressions.active(connection, now).compose(rules -> record(connection, hits, rules, now));
    }

    private Future<List<AlertNotice>> record(SqlConnection connection, List<AlertHit> hits, List<SuppressionRule> rules, Instant now) {
        Map<String, List<AlertHit>> byAlert = new LinkedHashMap<>();
        for (AlertHit hit : hits) {
            byAlert.computeIfAbsent(hit.hub() + "\n" + hit.deviceId() + "\n" + hit.definition().alertType() + "\n"
                    + windowStart(hit.at()), k -> new ArrayList<>()).add(hit);
        }
        List<AlertNotice> notices = new ArrayList<>();
        Future<Void> chain = Future.succeededFuture();
        for (List<AlertHit> group : byAlert.values()) {
            Optional<SuppressionRule> suppressedBy = rules.stream().filter(rule -> group.stream().allMatch(hit -> rule.matches(hit, now))).findFirst();
            chain = chain.compose(v -> recordGroup(connection, group, suppressedBy)).map(notice -> {
                notices.add(notice);
                return null;
            });
        }
        return chain.map(v -> notices);
    }

    private Future<AlertNotice> recordGroup(SqlConnection connection, List<AlertHit> group, Optional<SuppressionRule> suppressedBy) {
        AlertHit latest = group.stream().max(Comparator.comparing(AlertHit::at)).orElseThrow();
        Instant first = group.stream().map(AlertHit::at).min(Comparator.naturalOrder()).orElseThrow();
        Instant windowStart = windowStart(latest.at());
        String systemAlertId = UUID.nameUUIDFromBytes((latest.hub() + "\n" + latest.deviceId() + "\n"
                + latest.definition().alertType() + "\n" + windowStart).getBytes(StandardCharsets.UTF_8)).toString();
        Tuple state = Tuple.tuple().addValue(latest.hub()).addValue(latest.deviceId()).addValue(latest.definition().alertType())
                .addValue(utc(windowStart)).addValue(systemAlertId).addValue(latest.definition().severity())
                .addValue(utc(first)).addValue(utc(latest.at())).addValue((long) group.size())
                .addValue(suppressedBy.isPresent() ? AlertStatus.DISMISSED : AlertStatus.ACTIVE);
        return connection.preparedQuery(UPSERT).execute(state).compose(rows -> {
            Row row = rows.iterator().next();
            Instant start = row.getOffsetDateTime("start_time").toInstant();
            Instant end = row.getOffsetDateTime("end_time").toInstant();
            String status = row.getString("status");
            var evidence = latest.evidence().deepCopy();
            evidence.put("DeviceId", latest.deviceId());
            suppressedBy.ifPresent(rule -> evidence.put("Suppressed By", "rule " + rule.id() + ": " + rule.reason()));
            Tuple record = Tuple.tuple().addValue(latest.definition().displayName()).addValue(latest.definition().alertType())
                    .addValue(row.getString("severity")).addValue(latest.definition().description()).addValue(latest.deviceId())
                    .addValue(utc(start)).addValue(utc(end)).addValue(evidence.toString()).addValue(latest.entities().toString())
                    .addValue(latest.hub()).addValue(systemAlertId).addValue(remediation(latest.definition().remediation()))
                    .addValue(AlertStatus.recordStatus(status));
            return connection.preparedQuery(RECORD).execute(record)
                    .map(v -> new AlertNotice(AlertNotice.CURRENT_VERSION, latest.hub(), latest.deviceId(),
                            latest.definition().alertType(), systemAlertId, row.getString("severity"), status, start, end,
                            row.getLong("hit_count")));
        });
    }

    /** Windows are aligned to the epoch (days start at midnight UTC with the default of one day). */
    Instant windowStart(Instant at) {
        long size = window.toMillis();
        return Instant.ofEpochMilli(Math.floorDiv(at.toEpochMilli(), size) * size);
    }

    private static String remediation(List<String> steps) {
        var array = com.fasterxml.jackson.databind.node.JsonNodeFactory.instance.arrayNode();
        steps.forEach(array::add);
        return array.toString();
    }

    private static OffsetDateTime utc(Instant instant) {
        return instant.atOffset(ZoneOffset.UTC);
    }

}
