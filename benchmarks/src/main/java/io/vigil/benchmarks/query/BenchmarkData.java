package io.vigil.benchmarks.query;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;

/**
 * The benchmark's workspace rows, generated inside PostgreSQL: alerts and raw events of {@value #DEVICES} devices on
 * two hubs over the last 30 days, shaped like the agent's (EventDetails with the payload keys the seed queries read).
 * Every row belongs to the benchmark hubs, so a rerun finds and reuses them and {@code --reset} removes only them.
 */
final class BenchmarkData {

    static final int DEVICES = 10_000;
    static final String HUB_A = "/subscriptions/bench/resourceGroups/bench/providers/Microsoft.Devices/IotHubs/bench-hub-a";
    static final String HUB_B = "/subscriptions/bench/resourceGroups/bench/providers/Microsoft.Devices/IotHubs/bench-hub-b";

    private BenchmarkData() {
    }

    /** Device {@code n}'s id; even devices are on hub A, odd ones on hub B. */
    static String device(int n) {
        return "bench-" + n;
    }

    static void ensure(Connection db, long alerts, long rawEvents, boolean reset) throws SQLException {
        if (reset) {
            execute(db, "DELETE FROM workspace.security_alert WHERE resource_id IN (?, ?)", HUB_A, HUB_B);
            execute(db, "DELETE FROM workspace.security_iot_raw_event WHERE associated_resource_id IN (?, ?)", HUB_A, HUB_B);
            execute(db, "DELETE FROM workspace.security_recommendation WHERE assessed_resource_id IN (?, ?)", HUB_A, HUB_B);
        }
        long haveAlerts = count(db, "SELECT count(*) FROM workspace.security_alert WHERE resource_id IN (?, ?)");
        if (haveAlerts < alerts) {
            System.out.printf("  generating %,d alert rows...%n", alerts - haveAlerts);
            insertAlerts(db, haveAlerts, alerts - haveAlerts);
        }
        long haveRaw = count(db, "SELECT count(*) FROM workspace.security_iot_raw_event WHERE associated_resource_id IN (?, ?)");
        if (haveRaw < rawEvents) {
            System.out.printf("  generating %,d raw-event rows...%n", rawEvents - haveRaw);
            execute(db, "SELECT workspace.ensure_raw_event_partitions(current_date - 31, current_date + 1)");
            for (long from = haveRaw; from < rawEvents; from += 500_000) {
                insertRawEvents(db, from, Math.min(500_000, rawEvents - from));
            }
        }
        if (count(db, "SELECT count(*) FROM workspace.security_recommendation WHERE assessed_resource_id IN (?, ?)") == 0) {
            insertRecommendations(db);
        }
        execute(db, "ANALYZE workspace.security_alert");
        execute(db, "ANALYZE workspace.security_iot_raw_event");
        execute(db, "ANALYZE workspace.security_recommendation");
    }

    /** Records of one alert come in threes (created, updated twice) under one SystemAlertId. */
    private static void insertAlerts(Connection db, long offset, long rows) throws SQLException {
        execute(db, """
                INSERT INTO workspace.security_alert (time_generated, alert_name, alert_type, alert_severity, display_name,
                    description, extended_properties, resource_id, system_alert_id, device_id, start_time, end_time)
                SELECT t, k.name, k.type, k.severity, k.name, 'benchmark alert',
                       '{"DeviceId":"bench-' || d || '","User Names":"[\\"root\\"]"}',
                       CASE WHEN d % 2 = 0 THEN ?::text ELSE ?::text END,
                       'bench-alert-' || (g / 3), 'bench-' || d, t, t
                FROM generate_series(?::bigint, ?::bigint) AS g,
                     LATERAL (SELECT (g / 3) % ?::bigint AS d, now() - ((g / 3) % 43200) * interval '1 minute' AS t) AS x,
                     LATERAL (SELECT (ARRAY['Brute force attack succeeded','Failed local login attempt on device',
                                            'Successful local login on device','Crypto Coin Miner','Reverse shell',
                                            'Suspicious file downloads','Unexpected process','Binary command line'])[1 + (g / 3) % 8] AS name,
                                     (ARRAY['IoT_Bruteforce_Success','IoT_FailedLocalLogin','IoT_SucessfulLocalLogin','IoT_CryptoMiner',
                                            'IoT_ReverseShell','IoT_SuspiciousDownload','IoT_UnexpectedProcess','IoT_BinaryCommandLine'])[1 + (g / 3) % 8] AS type,
                                     (ARRAY['High','Medium','High','Medium','High','Medium','Low','Low'])[1 + (g / 3) % 8] AS severity) AS k
                """, HUB_A, HUB_B, offset, offset + rows - 1, DEVICES);
    }

    /** 10% LocalUsers, 20% ListeningPorts, 20% Login, 40% ProcessCreate, 10% Heartbeat, spread over 30 days. */
    private static void insertRawEvents(Connection db, long offset, long rows) throws SQLException {
        execute(db, """
                INSERT INTO workspace.security_iot_raw_event (time_stamp, time_generated, associated_resource_id, device_id,
                    iot_raw_event_id, payload_index, raw_event_name, raw_event_category, raw_event_type, is_empty, event_details)
                SELECT t, t, CASE WHEN d % 2 = 0 THEN ?::text ELSE ?::text END, 'bench-' || d, 'bench-' || g, 0,
                       name, CASE WHEN name IN ('LocalUsers', 'ListeningPorts') THEN 'Periodic' ELSE 'Triggered' END,
                       CASE WHEN name = 'Heartbeat' THEN 'Operational' ELSE 'Security' END, false,
                       CASE name
                         WHEN 'LocalUsers' THEN '{"UserName":"user' || (g % 5) || '","UserId":"' || (1000 + g % 5)
                              || '","GroupNames":"users;g' || (g % 3) || '","TimestampLocal":"' || ts || '"}'
                         WHEN 'ListeningPorts' THEN '{"Protocol":"tcp","LocalAddress":"0.0.0.0","LocalPort":"'
                              || (ARRAY[22, 80, 443, 1883, 8080, 25324])[1 + g % 6] || '","RemoteAddress":"10.0.' || (g % 7)
                              || '.1","RemotePort":"' || (40000 + g % 50) || '","TimestampLocal":"' || ts || '"}'
                         WHEN 'Login' THEN '{"UserName":"user' || (g % 5) || '","Executable":"/usr/sbin/sshd","RemoteAddress":"'
                              || CASE WHEN g % 10 = 0 THEN '127.0.0.1' ELSE '10.1.' || (g % 9) || '.7' END
                              || '","Result":"' || CASE WHEN g % 3 = 0 THEN 'Fail' ELSE 'Success' END
                              || '","Operation":"Login","TimestampLocal":"' || ts || '"}'
                         WHEN 'ProcessCreate' THEN '{"Executable":"/usr/bin/app' || (g % 40) || '","UserId":"' || (1000 + g % 5)
                              || '","CommandLine":"app' || (g % 40) || ' --run ' || (g % 11) || '","ProcessId":' || (g % 30000)
                              || ',"TimestampLocal":"' || ts || '"}'
                         ELSE '{"TimestampLocal":"' || ts || '"}'
                       END
                FROM generate_series(?::bigint, ?::bigint) AS g,
                     LATERAL (SELECT g % ?::bigint AS d, now() - (g % 2592000) * interval '1 second' AS t) AS x,
                     LATERAL (SELECT to_char(t AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS"Z"') AS ts,
                                     (ARRAY['LocalUsers','ListeningPorts','ListeningPorts','Login','Login','ProcessCreate',
                                            'ProcessCreate','ProcessCreate','ProcessCreate','Heartbeat'])[1 + (g / ?::bigint) % 10] AS name) AS y
                """, HUB_A, HUB_B, offset, offset + rows - 1, DEVICES, DEVICES);
    }

    /** Four recommendations for each of the first fifth of the devices: the summary stays under the row limit. */
    private static void insertRecommendations(Connection db) throws SQLException {
        execute(db, """
                INSERT INTO workspace.security_recommendation (time_generated, assessed_resource_id, device_id, recommendation_name,
                    recommendation_display_name, recommendation_severity, recommendation_state, discovered_time_utc, recommendation_id)
                SELECT now() - (d % 30) * interval '1 day', CASE WHEN d % 2 = 0 THEN ?::text ELSE ?::text END, 'bench-' || d, r.name,
                       r.display, r.severity, CASE WHEN (d + r.n) % 4 = 0 THEN 'Resolved' ELSE 'Active' END,
                       now() - (d % 30) * interval '1 day', 'bench-rec-' || d || '-' || r.n
                FROM generate_series(0, ?::integer) AS d,
                     (VALUES (1, 'IoT_OpenPorts', 'Open Ports on device', 'Medium'),
                             (2, 'IoT_PermissiveFirewallPolicy', 'Permissive firewall policy found in one of the chains.', 'Medium'),
                             (3, 'IoT_PermissiveInputFirewallRules', 'Permissive firewall rule in the input chain was found', 'Medium'),
                             (4, 'IoT_Baseline', 'Operation system baseline validation has failed', 'High')) AS r(n, name, display, severity)
                """, HUB_A, HUB_B, DEVICES / 5 - 1);
    }

    private static long count(Connection db, String sql) throws SQLException {
        try (PreparedStatement statement = db.prepareStatement(sql)) {
            statement.setString(1, HUB_A);
            statement.setString(2, HUB_B);
            try (ResultSet result = statement.executeQuery()) {
                result.next();
                return result.getLong(1);
            }
        }
    }

    private static void execute(Connection db, String sql, Object... parameters) throws SQLException {
        try (PreparedStatement statement = db.prepareStatement(sql)) {
            for (int i = 0; i < parameters.length; i++) {
                statement.setObject(i + 1, parameters[i]);
            }
            statement.execute();
        }
    }
}
