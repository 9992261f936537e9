package io.vigil.query.api;

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

/** The Log Analytics API over the workspace tables, with the reference's queries pasted verbatim. */
@QuarkusTest
@QuarkusTestResource(VigilTestResource.class)
class LogAnalyticsResourceTest {

    static final String HUB = TestHub.RESOURCE_ID;

    @BeforeAll
    static void workspace() {
        // Migrations ran when the application started; fixtures go in once per run.
        if (TestDatabase.count("SELECT count(*) FROM workspace.security_recommendation WHERE device_id LIKE 'kql-%'") > 0) {
            return;
        }
        recommendation("kql-1", "IoT_OpenPorts", "Open Ports on device", "Medium", "Active");
        recommendation("kql-1", "IoT_PermissiveFirewallPolicy", "Permissive firewall policy found in one of the chains.", "Medium", "Active");
        recommendation("kql-1", "IoT_Baseline", "Operation system baseline validation has failed", "High", "Active");
        recommendation("kql-2", "IoT_OpenPorts", "Open Ports on device", "Medium", "Resolved");
        for (String[] user : new String[][]{{"root", "root"}, {"pi", "pi;sudo"}}) {
            TestDatabase.execute("INSERT INTO workspace.security_iot_raw_event (time_stamp, associated_resource_id, device_id,"
                    + " iot_raw_event_id, payload_index, raw_event_name, raw_event_category, raw_event_type, is_empty, event_details)"
                    + " VALUES (now() - interval '1 hour', ?, 'kql-1', gen_random_uuid()::text, 0, 'LocalUsers', 'Periodic', 'Security',"
                    + " false, ?)", HUB, "{\"UserName\":\"" + user[0] + "\",\"GroupNames\":\"" + user[1]
                    + "\",\"TimestampLocal\":\"2026-11-20T10:00:00Z\"}");
        }
    }

    private static void recommendation(String device, String name, String display, String severity, String state) {
        TestDatabase.execute("INSERT INTO workspace.security_recommendation (assessed_resource_id, device_id, recommendation_name,"
                + " recommendation_display_name, recommendation_severity, recommendation_state, discovered_time_utc, recommendation_id)"
                + " VALUES (?, ?, ?, ?, ?, ?, now() - interval '2 hours', gen_random_uuid()::text)", HUB, device, name, display, severity, state);
    }

    @Test
    void theRecommendationSummaryOfTheReferenceCountsActiveOnesPerSeverity() {
        String query = """
                SecurityRecommendation
                | extend IoTHubId=AssessedResourceId
                | summarize CurrentState=arg_max(RecommendationState, DiscoveredTimeUTC) by IoTHubId, DeviceId, RecommendationSeverity, RecommendationDisplayName
                | where CurrentState == "Active"
                | summarize Cnt=count() by IoTHubId, DeviceId, RecommendationSeverity
                """;
        var response = given().auth().oauth2(TestTokens.reader()).contentType("application/json")
                .body(Map.of("query", query, "timespan", "P7D")).when().post("/v1/workspaces/any/query");
        response.then().statusCode(200).body("tables[0].name", equalTo("PrimaryResult"))
                .body("tables[0].columns.name", hasItems("IoTHubId", "DeviceId", "RecommendationSeverity", "Cnt"));
        List<List<Object>> rows = response.jsonPath().getList("tables[0].rows");
        assertThat(rows).containsExactlyInAnyOrder(List.of(HUB, "kql-1", "Medium", 2), List.of(HUB, "kql-1", "High", 1));
    }

    @Test
    void theUsersWithAccessInvestigationRunsVerbatim() {
        String query = """
                let device = "kql-1";
                let hub = "vigil-hub";
                SecurityIoTRawEvent
                | where
                   DeviceId == device and AssociatedResourceId contains tolower(hub)
                   and RawEventName == "LocalUsers"
                | project
                   TimestampLocal=extractjson("$.TimestampLocal", EventDetails, typeof(datetime)),
                   GroupNames=extractjson("$.GroupNames", EventDetails, typeof(string)),
                   UserName=extractjson("$.UserName", EventDetails, typeof(string))
                | summarize FirstObserved=min(TimestampLocal) by GroupNames, UserName
                """;
        var response = given().auth().oauth2(TestTokens.reader()).queryParam("query", query)
                .when().get("/v1/workspaces/any/query");
        response.then().statusCode(200);
        List<List<Object>> rows = response.jsonPath().getList("tables[0].rows");
        assertThat(rows).containsExactlyInAnyOrder(List.of("root", "root", "2026-11-20T10:00:00Z"),
                List.of("pi;sudo", "pi", "2026-11-20T10:00:00Z"));
    }

    @Test
    void mistakesAreFourHundredsWithTheirPosition() {
        given().auth().oauth2(TestTokens.reader()).contentType("application/json")
                .body(Map.of("query", "SecurityAlert\n| where AlertSeverity = ")).when().post("/v1/workspaces/any/query")
                .then().statusCode(400).body("error.line", equalTo(2));
        given().auth().oauth2(TestTokens.reader()).contentType("application/json")
                .body(Map.of("query", "NoSuchTable | take 1")).when().post("/v1/workspaces/any/query")
                .then().statusCode(400).body("error.code", equalTo("kql.unknown-table")).body("error.column", equalTo(1));
        given().auth().oauth2(TestTokens.reader()).contentType("application/json")
                .body(Map.of("query", "SecurityAlert | take 1", "timespan", "last week")).when().post("/v1/workspaces/any/query")
                .then().statusCode(400).body("error.code", equalTo("kql.bad-timespan"));
        given().contentType("application/json").body(Map.of("query", "SecurityAlert | take 1"))
                .when().post("/v1/workspaces/any/query").then().statusCode(401);
    }
}
