package io.vigil.benchmarks.twin;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;

/**
 * The benchmark's fleet, generated inside PostgreSQL: N devices on one benchmark hub, each with its device twin and
 * its {@code Microsoft.Security} module twin, documents in twin-service's twin shape. The security module twins carry
 * the tags detection would have set: a security group, and for a pseudo-random share of the devices the findings
 * the seed queries look for (IoT_OpenPorts on about 10%, IoT_Bruteforce_Success on about 2%) next to a few others.
 * Every row belongs to the benchmark hub, so a rerun finds and reuses them and {@code --reset} removes only them.
 */
final class TwinBenchmarkData {

    static final String HUB = "/subscriptions/00000000-0000-0000-0000-000000000000/resourceGroups/vigil-bench"
            + "/providers/Microsoft.Devices/IotHubs/bench-twin-hub";
    static final String SECURITY_MODULE = "Microsoft.Security";

    private TwinBenchmarkData() {
    }

    static void ensure(Connection db, int devices, boolean reset) throws SQLException {
        if (!reset && countTwins(db, "") == devices && countTwins(db, SECURITY_MODULE) == devices) {
            return;
        }
        // Anything else (--reset, another size, a run stopped half-way) is replaced as a whole rather than topped up:
        // the zero-padding of the device ids depends on the fleet's size.
        execute(db, "DELETE FROM twin.twin WHERE hub = ?", HUB);
        System.out.printf("  generating %,d devices (%,d twin rows)...%n", devices, 2L * devices);
        insertFleet(db, devices);
        execute(db, "ANALYZE twin.twin");
    }

    /** The id of the n-th benchmark device, zero-padded as the fleet's ids are. */
    static String deviceId(int n, int devices) {
        return "bench-twin-" + String.format("%0" + idDigits(devices) + "d", n);
    }

    private static int idDigits(int devices) {
        return String.valueOf(devices - 1).length();
    }

    /** Twin rows of the benchmark hub with this module id ({@code ""} for the device twins). */
    static long countTwins(Connection db, String moduleId) throws SQLException {
        return count(db, "SELECT count(*) FROM twin.twin WHERE hub = ? AND module_id = ?", HUB, moduleId);
    }

    /** Security module twins of the benchmark hub that carry {@code tags.<kind>.<name>}. */
    static long countFinding(Connection db, String kind, String name) throws SQLException {
        return count(db, "SELECT count(*) FROM twin.twin WHERE hub = ? AND module_id = ?"
                + " AND document -> 'tags' -> ?::text -> ?::text IS NOT NULL", HUB, SECURITY_MODULE, kind, name);
    }

    /**
     * One statement for both twins of every device. Each device draws its numbers from {@code hashint4extended} of
     * its index with a seed per property, so findings are scattered over the id range (as in a real fleet, not in
     * blocks) yet the same on every run. Device numbers are zero-padded so that id order is number order. The last
     * activity and the findings' times are within the last 30 days, written as {@code Instant.toString} writes them.
     */
    private static void insertFleet(Connection db, int devices) throws SQLException {
        execute(db, """
                INSERT INTO twin.twin (hub, device_id, module_id, document)
                SELECT ?::text, d.device_id, m.module_id,
                       jsonb_build_object('deviceId', d.device_id)
                       || CASE WHEN m.module_id = '' THEN '{}'::jsonb ELSE jsonb_build_object('moduleId', m.module_id) END
                       || jsonb_build_object(
                            'etag', 'AAAAAAAAAAE=',
                            'deviceEtag', encode(substr(decode(md5(d.device_id || '/' || m.module_id), 'hex'), 1, 9), 'base64'),
                            'status', 'enabled',
                            'statusUpdateTime', '0001-01-01T00:00:00Z',
                            'connectionState', 'Disconnected',
                            'lastActivityTime', d.active,
                            'cloudToDeviceMessageCount', 0,
                            'authenticationType', 'sas',
                            'x509Thumbprint', jsonb_build_object('primaryThumbprint', NULL, 'secondaryThumbprint', NULL),
                            'modelId', '',
                            'version', CASE WHEN m.module_id = '' THEN 1 ELSE 1 + f.findings END,
                            'tags', CASE WHEN m.module_id = '' THEN '{}'::jsonb ELSE f.tags END,
                            'properties', jsonb_build_object(
                                'desired', jsonb_build_object('$metadata', jsonb_build_object('$lastUpdated', d.active), '$version', 1),
                                'reported', jsonb_build_object('$metadata', jsonb_build_object('$lastUpdated', d.active), '$version', 1)),
                            'capabilities', jsonb_build_object('iotEdge', false))
                FROM generate_series(0, ?::integer - 1) AS n,
                     LATERAL (SELECT 'bench-twin-' || lpad(n::text, ?::integer, '0') AS device_id,
                                     to_char((now() - (hashint4extended(n, 0) & 2147483647) % 2592000 * interval '1 second')
                                             AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS"Z"') AS active,
                                     to_char((now() - (hashint4extended(n, 6) & 2147483647) % 2592000 * interval '1 second')
                                             AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS"Z"') AS found,
                                     (hashint4extended(n, 1) & 2147483647) % 10 AS grp,
                                     (hashint4extended(n, 2) & 2147483647) % 100 AS open_ports,
                                     (hashint4extended(n, 3) & 2147483647) % 100 AS brute_force,
                                     (hashint4extended(n, 4) & 2147483647) % 100 AS other,
                                     (ARRAY[22, 23, 80, 443, 1883, 8080, 25324])[1 + (hashint4extended(n, 5) & 2147483647) % 7] AS port
                             ) AS d,
                     LATERAL (SELECT jsonb_build_object('severity', 'Medium', 'discoveredAtUtc', d.found,
                                         'details', jsonb_build_object('Endpoints', '["0.0.0.0:' || d.port || '"]')) AS open_ports,
                                     jsonb_build_object('severity', 'High', 'lastDetectionUtc', d.found) AS high,
                                     jsonb_build_object('severity', 'Medium', 'lastDetectionUtc', d.found) AS medium,
                                     jsonb_build_object('severity', 'Medium', 'discoveredAtUtc', d.found, 'details', '{}'::jsonb) AS recommendation
                             ) AS v,
                     LATERAL (SELECT CASE WHEN d.brute_force < 2 THEN jsonb_build_object('IoT_Bruteforce_Success', v.high) ELSE '{}' END
                                     || CASE WHEN d.other < 3 THEN jsonb_build_object('IoT_CryptoMiner', v.medium) ELSE '{}' END
                                     || CASE WHEN d.other BETWEEN 3 AND 8 THEN jsonb_build_object('IoT_FailedLocalLogin', v.medium) ELSE '{}' END
                                     AS alerts,
                                     CASE WHEN d.open_ports < 10 THEN jsonb_build_object('IoT_OpenPorts', v.open_ports) ELSE '{}' END
                                     || CASE WHEN d.other >= 80 THEN jsonb_build_object('IoT_Baseline',
                                            v.recommendation || jsonb_build_object('severity', 'High')) ELSE '{}' END
                                     || CASE WHEN d.other % 12 = 1 THEN jsonb_build_object('IoT_PermissiveFirewallPolicy', v.recommendation) ELSE '{}' END
                                     AS recommendations
                             ) AS a,
                     LATERAL (SELECT jsonb_build_object('securityGroup', CASE WHEN d.grp = 0 THEN 'default' ELSE 'plant-' || d.grp END)
                                     || CASE WHEN a.alerts <> '{}' THEN jsonb_build_object('alerts', a.alerts) ELSE '{}' END
                                     || CASE WHEN a.recommendations <> '{}' THEN jsonb_build_object('recommendations', a.recommendations) ELSE '{}' END
                                     AS tags,
                                     (SELECT count(*) FROM jsonb_object_keys(a.alerts || a.recommendations)) AS findings
                             ) AS f,
                     (VALUES (''), (?::text)) AS m(module_id)
                """, HUB, devices, idDigits(devices), SECURITY_MODULE);
    }

    private static long count(Connection db, String sql, Object... parameters) throws SQLException {
        try (PreparedStatement statement = db.prepareStatement(sql)) {
            bind(statement, parameters);
            try (ResultSet result = statement.executeQuery()) {
                result.next();
                return result.getLong(1);
            }
        }
    }

    private static void execute(Connection db, String sql, Object... parameters) throws SQLException {
        try (PreparedStatement statement = db.prepareStatement(sql)) {
            bind(statement, parameters);
            statement.execute();
        }
    }

    private static void bind(PreparedStatement statement, Object... parameters) throws SQLException {
        for (int i = 0; i < parameters.length; i++) {
            statement.setObject(i + 1, parameters[i]);
        }
    }
}
