package io.vigil.query.summaries;

import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.vigil.testing.TestDatabase;
import io.vigil.testing.TestHub;
import io.vigil.testing.TestTokens;
import io.vigil.testing.VigilTestResource;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Map;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItems;
import static org.hamcrest.Matchers.startsWith;

/** Saved summaries over HTTP: listed with their parameters, run by name, parameters bound and checked. */
@QuarkusTest
@QuarkusTestResource(VigilTestResource.class)
class SummaryResourceTest {

    static final String HUB = "/subscriptions/s/resourceGroups/rg/providers/Microsoft.Devices/IotHubs/summary-hub";

    @BeforeAll
    static void alerts() {
        if (TestDatabase.count("SELECT count(*) FROM workspace.security_alert WHERE resource_id = ?", HUB) > 0) {
            return;
        }
        // sum-1: one brute-force alert with three records (created, updated twice) yesterday, one miner alert 3 days ago;
        // sum-2: the brute-force alert yesterday; an old alert 20 days ago that a week's summary leaves out.
        alert("sum-1", "bf-1", "Brute force attack succeeded", "High", 1);
        alert("sum-1", "bf-1", "Brute force attack succeeded", "High", 1);
        alert("sum-1", "bf-1", "Brute force attack succeeded", "High", 1);
        alert("sum-1", "cm-1", "Crypto Coin Miner", "Medium", 3);
        alert("sum-2", "bf-2", "Brute force attack succeeded", "High", 1);
        alert("sum-2", "old-2", "Crypto Coin Miner", "Medium", 20);
    }

    private static void alert(String device, String systemAlertId, String name, String severity, int daysAgo) {
        TestDatabase.execute("INSERT INTO workspace.security_alert (time_generated, alert_name, alert_type, alert_severity, display_name,"
                + " extended_properties, resource_id, system_alert_id, device_id)"
                + " VALUES (now() - make_interval(days => ?), ?, 'IoT_Test', ?, ?, ?, ?, ?, ?)",
                daysAgo, name, severity, name, "{\"DeviceId\":\"" + device + "\"}", HUB, systemAlertId, device);
    }

    @Test
    void theListNamesEverySummaryWithItsParameters() {
        given().auth().oauth2(TestTokens.reader()).when().get("/v1/workspaces/any/summaries")
                .then().statusCode(200)
                .body("summaries.name", hasItems("device-summary", "hub-summary", "recommendation-device-summary",
                        "alert-sample-records", "recommendation-sample-records", "investigation-open-ports"))
                .body("summaries.find { it.name == 'device-summary' }.parameters[0].name", equalTo("lookback"))
                .body("summaries.find { it.name == 'device-summary' }.parameters[0].type", equalTo("timespan"))
                .body("summaries.find { it.name == 'device-summary' }.parameters[0].defaultValue", equalTo("7d"));
        given().auth().oauth2(TestTokens.reader()).when().get("/v1/workspaces/any/summaries/hub-summary")
                .then().statusCode(200).body("query", startsWith("// Number of distinct devices"));
    }

    @Test
    void theDeviceSummaryCountsDistinctAlertsOfTheLookback() {
        assertThat(deviceSummary(Map.of())).containsExactlyInAnyOrder(
                List.of(HUB, "sum-1", "High", "Brute force attack succeeded", 1),
                List.of(HUB, "sum-1", "Medium", "Crypto Coin Miner", 1),
                List.of(HUB, "sum-2", "High", "Brute force attack succeeded", 1));
        assertThat(deviceSummary(Map.of("lookback", "2d"))).containsExactlyInAnyOrder(
                List.of(HUB, "sum-1", "High", "Brute force attack succeeded", 1),
                List.of(HUB, "sum-2", "High", "Brute force attack succeeded", 1));
        assertThat(deviceSummary(Map.of("lookback", "P30D"))).hasSize(4);
    }

    @Test
    void theHubSummaryCountsDevices() {
        List<List<Object>> rows = given().auth().oauth2(TestTokens.reader()).contentType("application/json")
                .body(Map.of()).when().post("/v1/workspaces/any/summaries/hub-summary/run")
                .then().statusCode(200).extract().jsonPath().getList("tables[0].rows");
        assertThat(rows.stream().filter(r -> r.get(0).equals(HUB)).toList()).containsExactlyInAnyOrder(
                List.of(HUB, "High", "Brute force attack succeeded", 2),
                List.of(HUB, "Medium", "Crypto Coin Miner", 1));
    }

    @Test
    void badNamesAndValuesAreClientErrors() {
        given().auth().oauth2(TestTokens.reader()).contentType("application/json").body(Map.of())
                .when().post("/v1/workspaces/any/summaries/no-such-summary/run")
                .then().statusCode(404).body("error.code", equalTo("summary.unknown"));
        given().auth().oauth2(TestTokens.reader()).contentType("application/json")
                .body(Map.of("parameters", Map.of("lookback", "a week")))
                .when().post("/v1/workspaces/any/summaries/device-summary/run")
                .then().statusCode(400).body("error.code", equalTo("kql.parameter"));
        given().auth().oauth2(TestTokens.reader()).contentType("application/json")
                .body(Map.of("parameters", Map.of("device", "x")))
                .when().post("/v1/workspaces/any/summaries/device-summary/run")
                .then().statusCode(400).body("error.code", equalTo("kql.parameter"));
        given().auth().oauth2(TestTokens.reader()).contentType("application/json")
                .body(Map.of("parameters", Map.of("lookback", List.of("7d"))))
                .when().post("/v1/workspaces/any/summaries/device-summary/run")
                .then().statusCode(400).body("error.code", equalTo("kql.parameter"));
        given().contentType("application/json").body(Map.of()).when().post("/v1/workspaces/any/summaries/device-summary/run")
                .then().statusCode(401);
    }

    private static List<List<Object>> deviceSummary(Map<String, Object> parameters) {
        List<List<Object>> rows = given().auth().oauth2(TestTokens.reader()).contentType("application/json")
                .body(Map.of("parameters", parameters)).when().post("/v1/workspaces/any/summaries/device-summary/run")
                .then().statusCode(200).body("tables[0].columns.name", hasItems("IoTHubId", "DeviceId", "Cnt"))
                .extract().jsonPath().getList("tables[0].rows");
        return rows.stream().filter(r -> r.get(0).equals(HUB)).toList();
    }
}
