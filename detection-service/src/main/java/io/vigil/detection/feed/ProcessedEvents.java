package io.vigil.detection.feed;

import io.vertx.core.Future;
import io.vertx.sqlclient.Row;
import io.vertx.sqlclient.SqlConnection;
import io.vertx.sqlclient.Tuple;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.UUID;

/**
 * The events detection has handled, by a digest of hub, device and event id ({@code detection.handled_event}):
 * marking a batch's events in its transaction returns those not seen before, so a redelivered message is detected
 * on once. The digest is MD5, as PostgreSQL's {@code md5(hub || E'\n' || device_id || E'\n' || event_id)::uuid}
 * computes it; it identifies, it protects nothing (a device can only repeat its own event ids: the key holds it).
 */
public final class ProcessedEvents {

    private static final String MARK = """
            INSERT INTO detection.handled_event (key)
            SELECT key FROM unnest($1::uuid[]) AS batch(key) ORDER BY key
            ON CONFLICT DO NOTHING
            RETURNING key
            """;

    private ProcessedEvents() {
    }

    /** Marks the events as handled; answers the keys ({@link #key}) of those that were not already. */
    public static Future<Set<UUID>> markNew(SqlConnection connection, List<UUID> keys) {
        return connection.preparedQuery(MARK)
                .execute(Tuple.of(keys.toArray(UUID[]::new)))
                .map(rows -> {
                    Set<UUID> fresh = new HashSet<>();
                    for (Row row : rows) {
                        fresh.add(row.getUUID("key"));
                    }
                    return fresh;
                });
    }

    // Looking the algorithm up for every event cost more than the digest itself.
    private static final ThreadLocal<MessageDigest> MD5 = ThreadLocal.withInitial(() -> {
        try {
            return MessageDigest.getInstance("MD5");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every Java runtime has MD5", e);
        }
    });

    public static UUID key(String hub, String deviceId, String eventId) {
        MessageDigest md5 = MD5.get();
        byte[] digest = md5.digest((hub + "\n" + deviceId + "\n" + eventId).getBytes(StandardCharsets.UTF_8));
        ByteBuffer bytes = ByteBuffer.wrap(digest);
        return new UUID(bytes.getLong(), bytes.getLong());
    }
}
