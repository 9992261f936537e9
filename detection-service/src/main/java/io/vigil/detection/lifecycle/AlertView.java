package io.vigil.detection.lifecycle;

import io.vertx.sqlclient.Row;

import java.time.Instant;

/** An alert as operators list and change it: its current state in {@code detection.alert_state}. */
public record AlertView(String systemAlertId, String hub, String deviceId, String alertType, String severity, String status,
                        Instant startTime, Instant endTime, long hitCount) {

    static final String COLUMNS = "system_alert_id, hub, device_id, alert_type, severity, status, start_time, end_time, hit_count";

    static AlertView of(Row row) {
        return new AlertView(row.getString("system_alert_id"), row.getString("hub"), row.getString("device_id"),
                row.getString("alert_type"), row.getString("severity"), row.getString("status"),
                row.getOffsetDateTime("start_time").toInstant(), row.getOffsetDateTime("end_time").toInstant(), row.getLong("hit_count"));
    }
}
