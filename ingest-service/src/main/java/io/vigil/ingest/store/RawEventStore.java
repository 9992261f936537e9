package io.vigil.ingest.store;

import io.vertx.core.Future;
import io.vertx.sqlclient.SqlConnection;
import io.vertx.sqlclient.Tuple;
import io.vigil.ingest.RawEvent;
import jakarta.enterprise.context.ApplicationScoped;

import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.List;

/**
 * Writes {@code SecurityIoTRawEvent} rows: a whole batch in one statement, its columns bound as arrays, rows
 * already stored (a redelivery) skipped by the primary key.
 */
@ApplicationScoped
public class RawEventStore {

    private static final String INSERT = """
            INSERT INTO workspace.security_iot_raw_event (time_stamp, associated_resource_id, device_id,
                iot_raw_event_id, payload_index, raw_event_name, raw_event_category, raw_event_type, is_empty,
                agent_version, agent_id, module_id, azure_subscription_id, event_details)
            SELECT * FROM unnest($1::timestamptz[], $2::text[], $3::text[], $4::text[], $5::int[], $6::text[],
                $7::text[], $8::text[], $9::bool[], $10::text[], $11::text[], $12::text[], $13::text[], $14::text[])
            ON CONFLICT DO NOTHING
            """;

    /** Inserts the rows; the future holds how many were new. */
    public Future<Integer> insert(SqlConnection connection, List<RawEvent> rows) {
        if (rows.isEmpty()) {
            return Future.succeededFuture(0);
        }
        int n = rows.size();
        OffsetDateTime[] timeStamp = new OffsetDateTime[n];
        String[] hub = new String[n];
        String[] device = new String[n];
        String[] eventId = new String[n];
        Integer[] payloadIndex = new Integer[n];
        String[] name = new String[n];
        String[] category = new String[n];
        String[] type = new String[n];
        Boolean[] empty = new Boolean[n];
        String[] agentVersion = new String[n];
        String[] agentId = new String[n];
        String[] module = new String[n];
        String[] subscription = new String[n];
        String[] details = new String[n];
        for (int i = 0; i < n; i++) {
            RawEvent row = rows.get(i);
            timeStamp[i] = row.timeStamp().atOffset(ZoneOffset.UTC);
            hub[i] = row.hubResourceId();
            device[i] = row.deviceId();
            eventId[i] = row.eventId();
            payloadIndex[i] = row.payloadIndex();
            name[i] = row.name();
            category[i] = row.category();
            type[i] = row.eventType();
            empty[i] = row.empty();
            agentVersion[i] = row.agentVersion();
            agentId[i] = row.agentId();
            module[i] = row.moduleId();
            subscription[i] = row.subscriptionId();
            details[i] = row.eventDetails();
        }
        Tuple arrays = Tuple.tuple()
                .addValue(timeStamp).addValue(hub).addValue(device).addValue(eventId).addValue(payloadIndex)
                .addValue(name).addValue(category).addValue(type).addValue(empty).addValue(agentVersion)
                .addValue(agentId).addValue(module).addValue(subscription).addValue(details);
        return connection.preparedQuery(INSERT).execute(arrays).map(result -> result.rowCount());
    }
}
