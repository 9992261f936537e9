package io.vigil.query.kql.sql;

import io.vigil.query.kql.CompiledKql;
import io.vigil.query.kql.ResultColumn;
import io.vigil.query.kql.support.KqlCaseRunner;
import io.vigil.query.kql.support.KqlTestDatabase;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Optional;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * {@code tostring(parse_json(ExtendedProperties)["DeviceId"])} over SecurityAlert reads the table's device_id column,
 * which a CHECK constraint keeps equal to the member; everywhere the guarantee does not reach, the JSON is parsed.
 */
class StoredMembersTest {

    private static final String ALERT_SQL_ROW = """
            INSERT INTO workspace.security_alert (alert_name, alert_type, alert_severity, display_name, resource_id,
                system_alert_id, extended_properties, device_id)
            VALUES ('n', 't', 'Low', 'n', '/hub', 'stored-members-%s', '%s', '%s')""";

    private static CompiledKql compile(String query) {
        return KqlCaseRunner.compiler(0).compile(query, Optional.empty());
    }

    @Test
    void theSeedSummariesReadTheDeviceIdColumnInsteadOfParsingTheJson() {
        for (String query : List.of(
                "SecurityAlert | where TimeGenerated > ago(7d) | summarize Cnt=dcount(SystemAlertId) by IoTHubId=ResourceId,"
                        + " DeviceId=tostring(parse_json(ExtendedProperties)[\"DeviceId\"]), AlertSeverity, DisplayName",
                "SecurityAlert | where TimeGenerated > ago(7d) | extend DeviceId=tostring(parse_json(ExtendedProperties)[\"DeviceId\"])"
                        + " | summarize CntDevices=dcount(DeviceId) by IoTHubId=ResourceId, AlertSeverity, DisplayName",
                "SecurityAlert | take 5 | project D = tostring(todynamic(ExtendedProperties).DeviceId)")) {
            CompiledKql compiled = compile(query);
            assertThat(compiled.sql()).as(query).doesNotContain("::jsonb").contains(".device_id AS k1");
        }
    }

    @Test
    void whereTheGuaranteeDoesNotReachTheJsonIsParsed() {
        for (String query : List.of(
                // another member
                "SecurityAlert | project U = tostring(parse_json(ExtendedProperties)[\"User Name\"])",
                // the member as a dynamic value, not its text
                "SecurityAlert | project D = parse_json(ExtendedProperties)[\"DeviceId\"]",
                // a column computed by the query, not the table's own
                "SecurityAlert | project ExtendedProperties | extend D = tostring(parse_json(ExtendedProperties)[\"DeviceId\"])",
                "SecurityAlert | extend E = strcat(ExtendedProperties, '') | project D = tostring(parse_json(E)[\"DeviceId\"])",
                // member names are case-sensitive
                "SecurityAlert | project D = tostring(parse_json(ExtendedProperties)[\"deviceid\"])")) {
            assertThat(compile(query).sql()).as(query).contains("::jsonb");
        }
    }

    @Test
    void theHelperColumnStaysInvisible() {
        CompiledKql compiled = compile("SecurityAlert | where AlertSeverity == 'High' | take 1");
        assertThat(compiled.columns()).extracting(ResultColumn::name).doesNotContain("device_id", "k1", "")
                .contains("ExtendedProperties", "ResourceId");
    }

    @Test
    void theColumnAndTheReadingAgreeOnEveryFixtureRow() {
        KqlTestDatabase database = KqlTestDatabase.shared();
        String both = "SecurityAlert | project A = tostring(parse_json(ExtendedProperties)[\"DeviceId\"]),"
                + " B = tostring(parse_json(strcat(ExtendedProperties, ''))[\"DeviceId\"]) | where A != B | count";
        assertThat(database.execute(compile(both)).rows()).containsExactly(List.of(0L));
        String rows = "SecurityAlert | count";
        assertThat((Long) database.execute(compile(rows)).rows().get(0).get(0)).isPositive();
    }

    @Test
    void theTableRefusesADeviceIdThatDisagreesWithTheJson() {
        KqlTestDatabase database = KqlTestDatabase.shared();
        assertThatThrownBy(() -> database.script(ALERT_SQL_ROW.formatted("1", "{\"DeviceId\":\"a\"}", "b")))
                .hasMessageContaining("security_alert_device_id_agrees");
        assertThatThrownBy(() -> database.script(ALERT_SQL_ROW.formatted("2", "{}", "b")))
                .hasMessageContaining("security_alert_device_id_agrees");
        assertThatThrownBy(() -> database.script(ALERT_SQL_ROW.formatted("3", "not json", "")))
                .hasMessageContaining("json");
        // A hub alert has no device: DeviceId '' or missing, and device_id ''.
        database.script("BEGIN; " + ALERT_SQL_ROW.formatted("4", "{\"DeviceId\":\"\"}", "") + "; "
                + ALERT_SQL_ROW.formatted("5", "{}", "") + "; ROLLBACK");
    }
}
