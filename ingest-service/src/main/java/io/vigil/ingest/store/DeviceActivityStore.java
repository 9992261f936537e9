package io.vigil.ingest.store;

import io.vertx.core.Future;
import io.vertx.sqlclient.SqlConnection;
import io.vertx.sqlclient.Tuple;
import jakarta.enterprise.context.ApplicationScoped;

import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.Collection;

/** Keeps, per hub and device, when it was first and last heard from and with which agent. */
@ApplicationScoped
public class DeviceActivityStore {

    private static final String UPSERT = """
            INSERT INTO ingest.device_activity AS d (hub, device_id, agent_id, agent_version, first_seen, last_seen, messages)
            SELECT hub, device_id, agent_id, agent_version, seen, seen, messages
            FROM unnest($1::text[], $2::text[], $3::text[], $4::text[], $5::timestamptz[], $6::bigint[])
                AS batch(hub, device_id, agent_id, agent_version, seen, messages)
            ON CONFLICT (hub, device_id) DO UPDATE SET
                agent_id = excluded.agent_id,
                agent_version = excluded.agent_version,
                last_seen = greatest(d.last_seen, excluded.last_seen),
                messages = d.messages + excluded.messages
            """;

    /** One entry per device of a batch: the upsert may touch each device once only. */
    public record Activity(String hub, String deviceId, String agentId, String agentVersion, Instant seen, long messages) {
    }

    public Future<Void> record(SqlConnection connection, Collection<Activity> activities) {
        if (activities.isEmpty()) {
            return Future.succeededFuture();
        }
        int n = activities.size();
        String[] hub = new String[n];
        String[] device = new String[n];
        String[] agentId = new String[n];
        String[] agentVersion = new String[n];
        OffsetDateTime[] seen = new OffsetDateTime[n];
        Long[] messages = new Long[n];
        int i = 0;
        for (Activity activity : activities) {
            hub[i] = activity.hub();
            device[i] = activity.deviceId();
            agentId[i] = activity.agentId();
            agentVersion[i] = activity.agentVersion();
            seen[i] = activity.seen().atOffset(ZoneOffset.UTC);
            messages[i] = activity.messages();
            i++;
        }
        return connection.preparedQuery(UPSERT)
                .execute(Tuple.tuple().addValue(hub).addValue(device).addValue(agentId).addValue(agentVersion)
                        .addValue(seen).addValue(messages))
                .mapEmpty();
    }
}
