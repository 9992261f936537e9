package io.vigil.query.investigation;

import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.path.json.JsonPath;
import io.vigil.testing.TestDatabase;
import io.vigil.testing.TestHub;
import io.vigil.testing.TestTokens;
import io.vigil.testing.VigilTestResource;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.util.List;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.equalTo;

/**
 * The one-call device investigation over raw events and alerts of one device, next to the same device id on another
 * hub and another device on the same hub, which must not leak in. Expectations are worked out by hand from the rows.
 */
@QuarkusTest
@QuarkusTestResource(VigilTestResource.class)
class DeviceInvestigationResourceTest {

    static final String HUB = TestHub.RESOURCE_ID;
    static final String OTHER_HUB = "/subscriptions/s/resourceGroups/rg/providers/Microsoft.Devices/IotHubs/other-hub";
    static final String DEVICE = "inv-1";

    @BeforeAll
    static void events() {
        if (TestDatabase.count("SELECT count(*) FROM workspace.security_iot_raw_event WHERE device_id = ?", DEVICE) > 0) {
            return;
        }
        for (String hub : List.of(HUB, OTHER_HUB)) {
            boolean decoy = !hub.equals(HUB);
            String suffix = decoy ? "-decoy" : "";
            raw(hub, DEVICE, "LocalUsers", "{\"UserName\":\"root" + suffix + "\",\"UserId\":\"0\",\"GroupNames\":\"root\",\"TimestampLocal\":\"2026-11-20T10:00:00Z\"}");
            raw(hub, DEVICE, "ProcessCreate", "{\"Executable\":\"/bin/bash" + suffix + "\",\"UserId\":\"1000\",\"CommandLine\":\"bash -i\",\"TimestampLocal\":\"2026-11-20T10:05:00Z\"}");
        }
        raw(HUB, "inv-2", "LocalUsers", "{\"UserName\":\"other-device-user\",\"UserId\":\"5\",\"GroupNames\":\"x\",\"TimestampLocal\":\"2026-11-20T10:00:00Z\"}");

        raw(HUB, DEVICE, "LocalUsers", "{\"UserName\":\"pi\",\"UserId\":\"1000\",\"GroupNames\":\"pi;sudo\",\"TimestampLocal\":\"2026-11-20T10:00:00Z\"}");
        raw(HUB, DEVICE, "LocalUsers", "{\"UserName\":\"pi\",\"UserId\":\"1000\",\"GroupNames\":\"pi;sudo\",\"TimestampLocal\":\"2026-11-21T10:00:00Z\"}");

        raw(HUB, DEVICE, "ListeningPorts", "{\"Protocol\":\"tcp\",\"LocalAddress\":\"0.0.0.0\",\"LocalPort\":\"22\",\"RemoteAddress\":\"*\",\"RemotePort\":\"*\",\"TimestampLocal\":\"2026-11-20T10:00:00Z\"}");
        raw(HUB, DEVICE, "ListeningPorts", "{\"Protocol\":\"tcp\",\"LocalAddress\":\"0.0.0.0\",\"LocalPort\":\"22\",\"RemoteAddress\":\"*\",\"RemotePort\":\"*\",\"TimestampLocal\":\"2026-11-21T10:00:00Z\"}");
        raw(HUB, DEVICE, "ListeningPorts", "{\"Protocol\":\"tcp\",\"LocalAddress\":\"0.0.0.0\",\"LocalPort\":\"8080\",\"RemoteAddress\":\"*\",\"RemotePort\":\"*\",\"TimestampLocal\":\"2026-11-20T10:00:00Z\"}");

        raw(HUB, DEVICE, "Login", "{\"UserName\":\"pi\",\"Executable\":\"/usr/sbin/sshd\",\"RemoteAddress\":\"10.0.0.5\",\"Result\":\"Success\",\"TimestampLocal\":\"2026-11-20T11:00:00Z\"}");
        raw(HUB, DEVICE, "Login", "{\"UserName\":\"pi\",\"Executable\":\"/usr/sbin/sshd\",\"RemoteAddress\":\"10.0.0.5\",\"Result\":\"Success\",\"TimestampLocal\":\"2026-11-20T12:00:00Z\"}");
        raw(HUB, DEVICE, "Login", "{\"UserName\":\"root\",\"Executable\":\"/usr/sbin/sshd\",\"RemoteAddress\":\"10.0.0.9\",\"Result\":\"Fail\",\"TimestampLocal\":\"2026-11-20T13:00:00Z\"}");
        // Filtered out by the investigation: loopback, invalid user, no remote address at all.
        raw(HUB, DEVICE, "Login", "{\"UserName\":\"pi\",\"Executable\":\"/usr/sbin/sshd\",\"RemoteAddress\":\"127.0.0.1\",\"Result\":\"Success\",\"TimestampLocal\":\"2026-11-20T14:00:00Z\"}");
        raw(HUB, DEVICE, "Login", "{\"UserName\":\"(invalid user)\",\"Executable\":\"/usr/sbin/sshd\",\"RemoteAddress\":\"10.0.0.9\",\"Result\":\"Fail\",\"TimestampLocal\":\"2026-11-20T14:00:00Z\"}");
        raw(HUB, DEVICE, "Login", "{\"UserName\":\"pi\",\"Executable\":\"/bin/login\",\"Result\":\"Success\",\"TimestampLocal\":\"2026-11-20T14:00:00Z\"}");

        raw(HUB, DEVICE, "ProcessCreate", "{\"Executable\":\"/bin/bash\",\"UserId\":\"1000\",\"CommandLine\":\"bash -i\",\"TimestampLocal\":\"2026-11-20T11:05:00Z\"}");
        raw(HUB, DEVICE, "ProcessCreate", "{\"Executable\":\"/usr/bin/xmrig\",\"UserId\":\"0\",\"CommandLine\":\"xmrig -o pool\",\"TimestampLocal\":\"2026-11-20T12:05:00Z\"}");

        alert(HUB, DEVICE, "Crypto Coin Miner", "Medium");
        alert(OTHER_HUB, DEVICE, "Reverse shell", "High");
    }

    private static void raw(String hub, String device, String name, String details) {
        TestDatabase.execute("INSERT INTO workspace.security_iot_raw_event (time_stamp, associated_resource_id, device_id,"
                + " iot_raw_event_id, payload_index, raw_event_name, raw_event_category, raw_event_type, is_empty, event_details)"
                + " VALUES (now() - interval '1 hour', ?, ?, gen_random_uuid()::text, 0, ?, 'Periodic', 'Security', false, ?)",
                hub, device, name, details);
    }

    private static void alert(String hub, String device, String name, String severity) {
        TestDatabase.execute("INSERT INTO workspace.security_alert (time_generated, alert_name, alert_type, alert_severity, display_name,"
                + " description, extended_properties, resource_id, system_alert_id, device_id)"
                + " VALUES (timestamptz '2026-11-20T15:00:00Z', ?, 'IoT_Test', ?, ?, 'seen on the device', ?, ?, gen_random_uuid()::text, ?)",
                name, severity, name, "{\"DeviceId\":\"" + device + "\"}", hub, device);
    }

    @Test
    void theFiveInvestigationsAnswerForTheDeviceOfThatHubOnly() {
        JsonPath result = given().auth().oauth2(TestTokens.reader()).queryParam("hub", TestHub.NAME)
                .when().get("/v1/workspaces/any/devices/{device}/investigation", DEVICE)
                .then().statusCode(200).extract().jsonPath();
        assertThat(result.getList("tables.name")).containsExactly("investigation-related-alerts",
                "investigation-users-with-access", "investigation-open-ports", "investigation-user-logins",
                "investigation-process-list");

        assertThat(rows(result, 0)).containsExactly(List.of("2026-11-20T15:00:00Z", "Crypto Coin Miner", "Medium",
                "seen on the device", "{\"DeviceId\":\"inv-1\"}"));
        assertThat(rows(result, 1)).containsExactlyInAnyOrder(
                List.of("root", "root", "2026-11-20T10:00:00Z"),
                List.of("pi;sudo", "pi", "2026-11-20T10:00:00Z"));
        assertThat(result.getList("tables[2].columns.name")).containsExactly("Protocol", "LocalPort", "MinObservedTime",
                "MaxObservedTime", "AllowedRemoteIPAddress", "AllowedRemotePort");
        assertThat(rows(result, 2)).containsExactly(List.of("tcp", 22, "2026-11-20T10:00:00Z", "2026-11-21T10:00:00Z",
                "[\"*\"]", "[\"*\"]"));
        assertThat(rows(result, 3)).containsExactlyInAnyOrder(
                List.of("pi", "Success", "/usr/sbin/sshd", 2, "2026-11-20T11:00:00Z", "2026-11-20T12:00:00Z", 1, "[\"10.0.0.5\"]"),
                List.of("root", "Fail", "/usr/sbin/sshd", 1, "2026-11-20T13:00:00Z", "2026-11-20T13:00:00Z", 1, "[\"10.0.0.9\"]"));
        assertThat(rows(result, 4)).containsExactlyInAnyOrder(
                List.of("/bin/bash", 2, "2026-11-20T10:05:00Z", "2026-11-20T11:05:00Z", "[\"Id:1000, Name:pi\"]", "[\"bash -i\"]"),
                List.of("/usr/bin/xmrig", 1, "2026-11-20T12:05:00Z", "2026-11-20T12:05:00Z", "[\"Id:0, Name:root\"]", "[\"xmrig -o pool\"]"));
    }

    @Test
    void theTimespanBoundsEveryInvestigation() {
        // The raw events were stored just now (TimeGenerated), the alerts on 2026-11-20: a day back holds the events only.
        JsonPath lastDay = given().auth().oauth2(TestTokens.reader()).queryParam("hub", TestHub.NAME).queryParam("timespan", "P1D")
                .when().get("/v1/workspaces/any/devices/{device}/investigation", DEVICE)
                .then().statusCode(200).extract().jsonPath();
        assertThat(rows(lastDay, 0)).isEmpty();
        assertThat(rows(lastDay, 1)).hasSize(2);
        JsonPath longAgo = given().auth().oauth2(TestTokens.reader()).queryParam("hub", TestHub.NAME)
                .queryParam("timespan", "2026-01-01T00:00:00Z/2026-02-01T00:00:00Z")
                .when().get("/v1/workspaces/any/devices/{device}/investigation", DEVICE)
                .then().statusCode(200).extract().jsonPath();
        for (int table = 0; table < 5; table++) {
            assertThat(rows(longAgo, table)).as("table %d", table).isEmpty();
        }
    }

    @Test
    void theHubIsRequiredAndOperatorsMustAuthenticate() {
        given().auth().oauth2(TestTokens.reader()).when().get("/v1/workspaces/any/devices/{device}/investigation", DEVICE)
                .then().statusCode(400).body("error.code", equalTo("investigation.hub-missing"));
        given().when().get("/v1/workspaces/any/devices/{device}/investigation?hub=vigil-hub", DEVICE).then().statusCode(401);
    }

    private static List<List<Object>> rows(JsonPath result, int table) {
        return result.getList("tables[" + table + "].rows");
    }
}
