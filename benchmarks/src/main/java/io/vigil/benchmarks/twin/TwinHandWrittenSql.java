package io.vigil.benchmarks.twin;

/**
 * The SQL an engineer would write by hand over {@code twin.twin} for each twin query of the benchmark: the yardstick
 * the compiled twin query is measured against. It returns the rows of the service's page: the service pages row
 * queries by key in (device_id, module_id) order and groups in key order with the undefined group last, so these
 * do the same. Column labels are the keys of the service's items, so that both results compare item by item.
 * <p>
 * The JSON paths are fixed text, as a hand-written statement for one question would have them; the hub, the module
 * id, the page bound and the page size are parameters. {@code IS_DEFINED} is "the path's value is not SQL NULL":
 * a key holding JSON null is still defined. With the module id fixed, (hub, module_id, device_id) is the order of
 * the {@code twin_module} index, so a page is an index range scan that stops after the page's rows.
 */
final class TwinHandWrittenSql {

    private TwinHandWrittenSql() {
    }

    /** Parameters: hub, module id, page size. */
    static final String OPEN_PORTS = openPorts("");

    /** Parameters: hub, module id, the previous page's last device id, page size. */
    static final String OPEN_PORTS_AFTER = openPorts(" AND device_id > ?");

    /** Parameters: hub, module id, page size. */
    static final String BRUTE_FORCE = """
            SELECT device_id AS "deviceId",
                   document #> '{tags,alerts,IoT_Bruteforce_Success}' AS "IoT_Bruteforce_Success"
            FROM twin.twin
            WHERE hub = ? AND module_id = ? AND document #> '{tags,alerts,IoT_Bruteforce_Success}' IS NOT NULL
            ORDER BY device_id
            LIMIT ?""";

    /** Parameters: hub, module id, device id, page size. */
    static final String ONE_TWIN = """
            SELECT device_id AS "deviceId", document #> '{tags,securityGroup}' AS "securityGroup"
            FROM twin.twin
            WHERE hub = ? AND module_id = ? AND device_id = ?
            ORDER BY device_id
            LIMIT ?""";

    /** Parameters: hub, module id, page size. */
    static final String DEVICES_BY_SECURITY_GROUP = """
            SELECT document #> '{tags,securityGroup}' AS "securityGroup", count(*) AS devices
            FROM twin.twin
            WHERE hub = ? AND module_id = ?
            GROUP BY 1
            ORDER BY 1 NULLS LAST
            LIMIT ?""";

    /** The open-ports page, first or after a key (one fixed condition appended: no values in the text). */
    private static String openPorts(String afterKey) {
        return """
                SELECT device_id AS "deviceId",
                       document #> '{tags,recommendations,IoT_OpenPorts,severity}' AS severity,
                       document #> '{tags,recommendations,IoT_OpenPorts,discoveredAtUtc}' AS "discoveredAtUtc",
                       document #> '{tags,recommendations,IoT_OpenPorts,details,Endpoints}' AS "Endpoints"
                FROM twin.twin
                WHERE hub = ? AND module_id = ? AND document #> '{tags,recommendations,IoT_OpenPorts}' IS NOT NULL"""
                + afterKey + "\nORDER BY device_id\nLIMIT ?";
    }
}
