package io.vigil.detection.feed;

import io.vertx.core.Future;
import io.vertx.sqlclient.SqlConnection;
import io.vertx.sqlclient.Tuple;

import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * The events detection has handled, by hub, device and event id: marking a batch's events in its transaction
 * returns those not seen before, so a redelivered message is detected on once.
 */
public final class ProcessedEvents {

    private static final String MARK = """
            INSERT INTO detection.processed_event (hub, device_id, event_id)
            SELECT * FROM unnest($1::text[], $2::text[], $3::text[]) ON CONFLICT DO NOTHING
            RETURNING hub, device_id, event_id
            """;

    private ProcessedEvents() {
    }

    /** Marks the events as handled; answers the keys ({@link #key}) of those that were not already. */
    public static Future<Set<String>> markNew(SqlConnection connection, List<String> hubs, List<String> deviceIds, List<String> eventIds) {
        return connection.preparedQuery(MARK)
                .execute(Tuple.of(hubs.toArray(String[]::new), deviceIds.toArray(String[]::new), eventIds.toArray(String[]::new)))
                .map(rows -> {
                    Set<String> fresh = new HashSet<>();
                    rows.forEach(row -> fresh.add(key(row.getString("hub"), row.getString("device_id"), row.getString("event_id"))));
                    return fresh;
                });
    }

    public static String key(String hub, String deviceId, String eventId) {
        return hub + "\n" + deviceId + "\n" + eventId;
    }
}
