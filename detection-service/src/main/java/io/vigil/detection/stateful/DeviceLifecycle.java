package io.vigil.detection.stateful;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.vertx.core.Future;
import io.vertx.sqlclient.Row;
import io.vertx.sqlclient.SqlConnection;
import io.vertx.sqlclient.Tuple;
import io.vigil.detection.AlertHit;
import jakarta.enterprise.context.ApplicationScoped;

import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Optional;

/**
 * A device's first message raises DeviceOnboarded; every message moves its last-seen time, which the silence scan
 * reads. Kept in PostgreSQL so that every replica agrees on what "first" means.
 */
@ApplicationScoped
public class DeviceLifecycle {

    static final AlertHit.AlertDefinition ONBOARDED = new AlertHit.AlertDefinition("IoT_DeviceOnboarded", "DeviceOnboarded",
            "Informational", "Notification signifying successful device onboarding and acknowledgement it is sending security telemetry data.",
            List.of("No action is needed."));
    static final AlertHit.AlertDefinition SILENT = new AlertHit.AlertDefinition("IoT_DeviceSilent", "DeviceSilent", "Low",
            "Device hasn't sent any telemetry data in the last 72 hours.",
            List.of("Check that the device is running and connected.", "Check that the security agent is running on it."));

    private static final String SEEN = """
            INSERT INTO detection.device AS d (hub, device_id, first_seen, last_seen) VALUES ($1, $2, $3, $3)
            ON CONFLICT (hub, device_id) DO UPDATE SET last_seen = greatest(d.last_seen, excluded.last_seen),
                silence_raised_at = NULL
            RETURNING (xmax = 0) AS first_time
            """;

    /** Notes that the device was heard from; an onboarding hit when it is the first time. */
    public Future<Optional<AlertHit>> seen(SqlConnection connection, String hub, String deviceId, Instant at) {
        return connection.preparedQuery(SEEN).execute(Tuple.of(hub, deviceId, at.atOffset(ZoneOffset.UTC))).map(rows -> {
            Row row = rows.iterator().next();
            if (!row.getBoolean("first_time")) {
                return Optional.empty();
            }
            return Optional.of(new AlertHit(hub, deviceId, ONBOARDED, at, evidence(deviceId, at), JsonNodeFactory.instance.arrayNode()));
        });
    }

    static ObjectNode evidence(String deviceId, Instant at) {
        ObjectNode properties = JsonNodeFactory.instance.objectNode();
        properties.put("DeviceId", deviceId);
        properties.put("Last Message", OffsetDateTime.ofInstant(at, ZoneOffset.UTC).toString());
        return properties;
    }
}
