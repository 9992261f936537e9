package io.vigil.detection.lifecycle;

import io.vertx.core.Future;
import io.vertx.sqlclient.Pool;
import io.vertx.sqlclient.Row;
import io.vertx.sqlclient.Tuple;
import io.vigil.contracts.findings.AlertNotice;
import io.vigil.detection.alerts.AlertStatus;
import io.vigil.detection.findings.FindingPublisher;
import io.vigil.platform.broker.BrokerConnection;
import jakarta.enterprise.context.ApplicationScoped;

import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Operators' side of the alert lifecycle: listing alerts, and changing their status or severity. A change updates
 * the alert's state, appends a SecurityAlert record (the latest record with the new status and severity, a new
 * TimeGenerated), writes who made it and why into {@code detection.alert_change}, all in one transaction; then the
 * twins hear of it (a tag goes when its alert is no longer active). New hits of a dismissed or resolved alert in
 * its window keep its status; the next window raises a new alert.
 */
@ApplicationScoped
public class AlertLifecycle {

    private static final String PAGE = "SELECT " + AlertView.COLUMNS + " FROM detection.alert_state"
            + " WHERE ($1::text IS NULL OR hub = $1) AND ($2::text IS NULL OR device_id = $2) AND ($3::text IS NULL OR status = $3)"
            + " AND ($4::text IS NULL OR alert_type = $4) AND (end_time, system_alert_id) < ($5, $6)"
            + " AND ($8::text[] IS NULL OR hub = ANY($8))"
            + " ORDER BY end_time DESC, system_alert_id DESC LIMIT $7";
    private static final String FIND = "SELECT " + AlertView.COLUMNS + " FROM detection.alert_state WHERE system_alert_id = $1";
    private static final String UPDATE = "UPDATE detection.alert_state SET status = $2, severity = $3 WHERE system_alert_id = $1"
            + " RETURNING " + AlertView.COLUMNS;
    private static final String RECORD = """
            INSERT INTO workspace.security_alert (alert_name, alert_type, alert_severity, display_name, description,
                compromised_entity, confidence_level, start_time, end_time, processing_end_time, extended_properties, entities,
                resource_id, system_alert_id, vendor_original_id, product_component_name, remediation_steps, status, device_id)
            SELECT alert_name, alert_type, $2, display_name, description, compromised_entity, confidence_level, start_time, end_time,
                now(), extended_properties, entities, resource_id, system_alert_id, vendor_original_id, product_component_name,
                remediation_steps, $3, device_id
            FROM workspace.security_alert WHERE system_alert_id = $1 ORDER BY time_generated DESC, record_id DESC LIMIT 1
            """;
    private static final String AUDIT = "INSERT INTO detection.alert_change (system_alert_id, actor, status_before, status_after,"
            + " severity_before, severity_after, comment) VALUES ($1, $2, $3, $4, $5, $6, $7)";

    private final Pool pool;
    private final BrokerConnection broker;
    private final FindingPublisher publisher;

    AlertLifecycle(Pool pool, BrokerConnection broker, FindingPublisher publisher) {
        this.pool = pool;
        this.broker = broker;
        this.publisher = publisher;
    }

    /** Where a listing continues: after the alert with this end time and id. */
    public record Cursor(Instant endTime, String systemAlertId) {
        /** Before every alert: '\uffff' sorts after any id. */
        static final Cursor FIRST = new Cursor(Instant.parse("9999-12-31T23:59:59Z"), "\uffff");
    }

    /** {@code hubs}: the hubs the caller may see, null for every hub. */
    public record Filter(String hub, String deviceId, String status, String alertType, String[] hubs) {
    }

    public Future<List<AlertView>> list(Filter filter, Cursor after, int limit) {
        return pool.preparedQuery(PAGE).execute(Tuple.tuple(java.util.Arrays.asList(filter.hub(), filter.deviceId(), filter.status(),
                        filter.alertType(), after.endTime().atOffset(ZoneOffset.UTC), after.systemAlertId(), limit, filter.hubs())))
                .map(rows -> {
                    List<AlertView> alerts = new ArrayList<>();
                    for (Row row : rows) {
                        alerts.add(AlertView.of(row));
                    }
                    return alerts;
                });
    }

    public Future<Optional<AlertView>> find(String systemAlertId) {
        return pool.preparedQuery(FIND).execute(Tuple.of(systemAlertId))
                .map(rows -> rows.size() == 0 ? Optional.empty() : Optional.of(AlertView.of(rows.iterator().next())));
    }

    /** Applies a checked change; empty when there is no such alert. */
    public Future<Optional<AlertView>> change(String systemAlertId, String status, String severity, String comment, String actor) {
        return pool.withTransaction(connection -> connection.preparedQuery(FIND + " FOR UPDATE").execute(Tuple.of(systemAlertId))
                .compose(rows -> {
                    if (rows.size() == 0) {
                        return Future.succeededFuture(Optional.<AlertView>empty());
                    }
                    AlertView before = AlertView.of(rows.iterator().next());
                    String newStatus = status == null ? before.status() : status;
                    String newSeverity = severity == null ? before.severity() : severity;
                    if (newStatus.equals(before.status()) && newSeverity.equals(before.severity())) {
                        return Future.succeededFuture(Optional.of(before));
                    }
                    return connection.preparedQuery(UPDATE).execute(Tuple.of(systemAlertId, newStatus, newSeverity))
                            .compose(updated -> connection.preparedQuery(RECORD)
                                    .execute(Tuple.of(systemAlertId, newSeverity, AlertStatus.recordStatus(newStatus)))
                                    .compose(v -> connection.preparedQuery(AUDIT).execute(Tuple.tuple(java.util.Arrays.asList(systemAlertId,
                                            actor, before.status(), newStatus, before.severity(), newSeverity, comment))))
                                    .map(v -> Optional.of(AlertView.of(updated.iterator().next()))));
                }))
                .compose(changed -> changed.isEmpty() ? Future.succeededFuture(changed)
                        : publisher.publish(broker::publish, List.of(notice(changed.get())), List.of()).map(changed));
    }

    private static AlertNotice notice(AlertView alert) {
        return new AlertNotice(AlertNotice.CURRENT_VERSION, alert.hub(), alert.deviceId(), alert.alertType(), alert.systemAlertId(),
                alert.severity(), alert.status(), alert.startTime(), alert.endTime(), alert.hitCount());
    }
}
