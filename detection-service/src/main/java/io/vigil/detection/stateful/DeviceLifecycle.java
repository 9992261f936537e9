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
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * A device's first message raises DeviceOnboarded; every batch moves its devices' last-seen times, which the silence scan
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
            INSERT INTO detection.device AS d (hub, device_id, first_seen, last_seen)
            SELECT hub, device_id, at, at FROM unnest($1::text[], $2::text[], $3::timestamptz[]) AS seen(hub, device_id, at)
            ON CONFLICT (hub, device_id) DO UPDATE SET last_seen = greatest(d.last_seen, excluded.last_seen),
                silence_raised_at = NULL
            RETURNING hub, device_id, (xmax = 0) AS first_time
            """;

    /** A device heard from in a batch, at the latest event time of its messages there. */
    public record Sighting(String hub, String deviceId, Instant at) {
    }

    /**
     * Notes that the devices were heard from, one statement for the whole batch; an onboarding hit for each
     * device heard from for the first time. Rows are written in key order so that concurrent batches lock them in
     * the same order.
     */
    public Future<List<AlertHit>> seen(SqlConnection connection, Collection<Sighting> sightings) {
        Map<String, Sighting> latest = new TreeMap<>();
        for (Sighting sighting : sightings) {
            latest.merge(sighting.hub() + "\n" + sighting.deviceId(), sighting, (a, b) -> b.at().isAfter(a.at()) ? b : a);
        }
        if (latest.isEmpty()) {
            return Future.succeededFuture(List.of());
        }
        int n = latest.size();
        String[] hubs = new String[n];
        String[] devices = new String[n];
        OffsetDateTime[] times = new OffsetDateTime[n];
        int i = 0;
        for (Sighting sighting : latest.values()) {
            hubs[i] = sighting.hub();
            devices[i] = sighting.deviceId();
            times[i] = sighting.at().atOffset(ZoneOffset.UTC);
            i++;
        }
        return connection.preparedQuery(SEEN).execute(Tuple.of(hubs, devices, times)).map(rows -> {
            List<AlertHit> onboarded = new ArrayList<>();
            for (Row row : rows) {
                if (row.getBoolean("first_time")) {
                    Sighting sighting = latest.get(row.getString("hub") + "\n" + row.getString("device_id"));
                    onboarded.add(new AlertHit(sighting.hub(), sighting.deviceId(), ONBOARDED, sighting.at(),
                            evidence(sighting.deviceId(), sighting.at()), JsonNodeFactory.instance.arrayNode()));
                }
            }
            return onboarded;
        });
    }

    static ObjectNode evidence(String deviceId, Instant at) {
        ObjectNode properties = JsonNodeFactory.instance.objectNode();
        properties.put("DeviceId", deviceId);
        properties.put("Last Message", OffsetDateTime.ofInstant(at, ZoneOffset.UTC).toString());
        return properties;
    }
}
