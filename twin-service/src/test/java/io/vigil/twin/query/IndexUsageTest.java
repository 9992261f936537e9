package io.vigil.twin.query;

import io.vigil.twin.query.support.Hubs;
import io.vigil.twin.query.support.TwinTestDatabase;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import java.util.Optional;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Which index PostgreSQL uses for typical conditions, read from EXPLAIN over a hub of 6000 twins in which the
 * values looked for are rare (sequential scans are disabled so that table size does not matter).
 * QUERY-LANGUAGE.md explains the rules.
 */
class IndexUsageTest {

    private static final String HUB = Hubs.of("index-usage");

    private final TwinTestDatabase database = TwinTestDatabase.shared();

    @BeforeAll
    static void manyTwins() {
        TwinTestDatabase database = TwinTestDatabase.shared();
        database.deleteHub(HUB);
        // Test data only: the hub name is a constant of this class.
        database.script("INSERT INTO twin.twin (hub, device_id, module_id, document) "
                + "SELECT '" + HUB + "', 'edge-' || lpad(i::text, 4, '0'), m.id, jsonb_build_object("
                + " 'deviceId', 'edge-' || lpad(i::text, 4, '0'),"
                + " 'status', CASE WHEN i % 1000 = 0 THEN 'disabled' ELSE 'enabled' END,"
                + " 'connectionState', CASE WHEN i % 1000 = 0 THEN 'Connected' ELSE 'Disconnected' END,"
                + " 'capabilities', jsonb_build_object('iotEdge', i % 1000 = 0),"
                + " 'tags', jsonb_build_object('location', jsonb_build_object('region',"
                + "      CASE WHEN i % 1000 = 0 THEN 'US' ELSE 'region-' || (i % 97) END)),"
                + " 'properties', jsonb_build_object('desired', jsonb_build_object('$version', 1 + (i % 1000 = 0)::int * 3),"
                + "      'reported', jsonb_build_object('$version', 1)))"
                + " || CASE WHEN m.id = '' THEN '{}'::jsonb ELSE jsonb_build_object('moduleId', m.id) END"
                + " FROM generate_series(1, 3000) AS i CROSS JOIN (VALUES (''), ('Microsoft.Security')) AS m(id);"
                + " ANALYZE twin.twin");
    }

    @ParameterizedTest(name = "{0} [{1}] -> {2}")
    @CsvSource(delimiter = '|', textBlock = """
            SELECT * FROM devices WHERE status = 'disabled'                                   | CASE_INSENSITIVE | twin_document
            SELECT * FROM devices WHERE capabilities.iotEdge = true                           | CASE_INSENSITIVE | twin_document
            SELECT * FROM devices WHERE properties.desired.$version = 4                       | CASE_INSENSITIVE | twin_document
            SELECT * FROM devices WHERE connectionState IN ['Connected', 'connected']         | CASE_INSENSITIVE | twin_document
            SELECT * FROM devices WHERE tags.location.region = 'US'                           | EXACT            | twin_document
            SELECT * FROM devices WHERE tags.location.region IN ['US', 'EU']                  | EXACT            | twin_document
            SELECT * FROM devices WHERE tags.location.region = 'US' AND status = 'enabled'    | EXACT            | twin_document
            SELECT * FROM devices.modules WHERE moduleId = 'Microsoft.Security' AND IS_DEFINED(tags.recommendations.IoT_OpenPorts) | CASE_INSENSITIVE | twin_module
            SELECT deviceId, tags.alerts.IoT_Bruteforce_Success FROM devices.modules WHERE moduleId = 'Microsoft.Security' AND IS_DEFINED(tags.alerts.IoT_Bruteforce_Success) | EXACT | twin_module
            SELECT * FROM devices WHERE deviceId = 'edge-01'                                  | CASE_INSENSITIVE | Index Cond: device_id =
            SELECT * FROM devices WHERE deviceId IN ['edge-01', 'edge-02']                    | CASE_INSENSITIVE | Index Cond: device_id = ANY
            """)
    void conditionsUseTheirIndex(String query, PropertyNameMatching matching, String expected) {
        BoundQuery page = new TwinQueryCompiler(TwinQueryLimits.defaults(), matching).compile(query)
                .page(HUB, 100, Optional.empty());
        String plan = database.planWithoutSequentialScans(page);

        if (expected.startsWith("Index Cond: ")) {
            // Either btree index holding device_id may answer; what matters is that the index condition has it.
            String condition = expected.substring("Index Cond: ".length());
            assertThat(plan.lines().filter(line -> line.contains("Index Cond:")))
                    .as(plan).anyMatch(line -> line.contains(condition));
        } else {
            assertThat(plan).contains(expected);
        }
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', textBlock = """
            SELECT * FROM devices
            SELECT * FROM devices.modules WHERE IS_DEFINED(tags.alerts)
            SELECT COUNT() AS n FROM devices WHERE tags.location.region = 'US'
            """)
    void everyPageReadsOnlyItsHubThroughAnIndex(String query) {
        CompiledTwinQuery compiled = new TwinQueryCompiler(TwinQueryLimits.defaults()).compile(query);
        Optional<PageCursor> after = compiled.itemType().equals(CompiledTwinQuery.TWIN)
                ? Optional.of(new PageCursor(100, "edge-01", "")) : Optional.of(new PageCursor(1, null, null));
        for (BoundQuery page : new BoundQuery[] {compiled.page(HUB, 100, Optional.empty()),
                compiled.page(HUB, 100, after)}) {
            String plan = database.planWithoutSequentialScans(page);
            assertThat(plan).contains("Index").doesNotContain("Seq Scan on twin");
        }
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', textBlock = """
            SELECT * FROM devices WHERE tags.location.region = 'US'
            SELECT * FROM devices WHERE tags.location.region IN ['US', 'EU']
            """)
    void caseInsensitiveUserNamesCannotUseTheDocumentIndex(String query) {
        BoundQuery page = new TwinQueryCompiler(TwinQueryLimits.defaults()).compile(query)
                .page(HUB, 100, Optional.empty());

        assertThat(database.planWithoutSequentialScans(page)).doesNotContain("twin_document");
    }
}
