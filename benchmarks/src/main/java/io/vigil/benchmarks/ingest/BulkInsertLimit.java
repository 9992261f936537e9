package io.vigil.benchmarks.ingest;

import java.sql.Array;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.sql.Statement;
import java.sql.Timestamp;
import java.time.Duration;
import java.time.Instant;
import java.util.UUID;

/**
 * The ceiling: how fast this PostgreSQL takes raw-event rows when nothing else is in the way. Same columns, same
 * key and index, same unnest statement and batch size as ingest-service, one connection, rows shaped like the
 * simulator's, into a scratch table that is dropped afterwards.
 */
final class BulkInsertLimit {

    private static final String SCRATCH = "bench_scratch.raw_event";

    private BulkInsertLimit() {
    }

    static double rowsPerSecond(Connection connection, Duration duration, int batchRows) throws SQLException {
        try (Statement ddl = connection.createStatement()) {
            ddl.execute("CREATE SCHEMA IF NOT EXISTS bench_scratch");
            ddl.execute("DROP TABLE IF EXISTS " + SCRATCH);
            ddl.execute("CREATE TABLE " + SCRATCH + " (LIKE workspace.security_iot_raw_event INCLUDING DEFAULTS)");
            ddl.execute("ALTER TABLE " + SCRATCH + " ADD PRIMARY KEY (associated_resource_id, device_id, iot_raw_event_id, payload_index, time_stamp)");
            ddl.execute("CREATE INDEX ON " + SCRATCH + " (device_id, raw_event_name, time_stamp)");
        }
        String insert = "INSERT INTO " + SCRATCH + " (time_stamp, associated_resource_id, device_id, iot_raw_event_id,"
                + " payload_index, raw_event_name, raw_event_category, raw_event_type, is_empty, agent_version, agent_id,"
                + " module_id, azure_subscription_id, event_details) SELECT * FROM unnest(?::timestamptz[], ?::text[], ?::text[],"
                + " ?::text[], ?::int[], ?::text[], ?::text[], ?::text[], ?::bool[], ?::text[], ?::text[], ?::text[], ?::text[],"
                + " ?::text[]) ON CONFLICT DO NOTHING";
        boolean autoCommit = connection.getAutoCommit();
        connection.setAutoCommit(true);
        long rows = 0;
        long start = System.nanoTime();
        long end = start + duration.toNanos();
        try (PreparedStatement statement = connection.prepareStatement(insert)) {
            while (System.nanoTime() < end) {
                bind(connection, statement, batchRows);
                rows += statement.executeUpdate();
            }
        } finally {
            try (Statement ddl = connection.createStatement()) {
                ddl.execute("DROP SCHEMA bench_scratch CASCADE");
            }
            connection.setAutoCommit(autoCommit);
        }
        return rows / ((System.nanoTime() - start) / 1e9);
    }

    private static void bind(Connection connection, PreparedStatement statement, int n) throws SQLException {
        Timestamp[] time = new Timestamp[n];
        String[] hub = new String[n];
        String[] device = new String[n];
        String[] id = new String[n];
        Integer[] index = new Integer[n];
        String[] name = new String[n];
        String[] category = new String[n];
        String[] type = new String[n];
        Boolean[] empty = new Boolean[n];
        String[] version = new String[n];
        String[] agent = new String[n];
        String[] module = new String[n];
        String[] subscription = new String[n];
        String[] details = new String[n];
        Instant now = Instant.now();
        for (int i = 0; i < n; i++) {
            String eventId = UUID.randomUUID().toString();
            time[i] = Timestamp.from(now);
            hub[i] = "/subscriptions/00000000-0000-0000-0000-000000000000/resourceGroups/vigil/providers/Microsoft.Devices/IotHubs/vigil-hub";
            device[i] = "bench-" + (i % 100);
            id[i] = eventId;
            index[i] = 0;
            name[i] = "ProcessCreate";
            category[i] = "Triggered";
            type[i] = "Security";
            empty[i] = false;
            version[i] = "1.0.0";
            agent[i] = "5d8f2a1c-3b4e-4f6a-9c7d-1e2f3a4b5c6d";
            subscription[i] = "00000000-0000-0000-0000-000000000000";
            details[i] = "{\"Executable\":\"/usr/bin/python3\",\"ProcessId\":" + (1000 + i) + ",\"ParentProcessId\":1,"
                    + "\"UserId\":\"1000\",\"UserName\":\"svc\",\"CommandLine\":\"/usr/bin/python3 /opt/app/worker.py --queue jobs\","
                    + "\"Id\":\"" + eventId + "\",\"EventId\":\"" + eventId + "\",\"Name\":\"ProcessCreate\",\"Category\":\"Triggered\","
                    + "\"EventType\":\"Security\",\"IsEmpty\":false,\"PayloadSchemaVersion\":\"1.0\",\"TimestampLocal\":\"" + now
                    + "\",\"TimestampUTC\":\"" + now + "\",\"AgentId\":\"" + agent[i] + "\",\"AgentVersion\":\"1.0.0\","
                    + "\"MessageSchemaVersion\":\"1.0\",\"DeviceId\":\"" + device[i] + "\"}";
        }
        Object[][] columns = {time, hub, device, id, index, name, category, type, empty, version, agent, module, subscription, details};
        String[] types = {"timestamptz", "text", "text", "text", "int4", "text", "text", "text", "bool", "text", "text", "text", "text", "text"};
        for (int c = 0; c < columns.length; c++) {
            Array array = connection.createArrayOf(types[c], columns[c]);
            statement.setArray(c + 1, array);
        }
    }
}
