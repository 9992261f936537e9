package io.vigil.twin.rest;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.response.Response;
import io.vigil.contracts.findings.AlertNotice;
import io.vigil.contracts.findings.FindingFeed;
import io.vigil.contracts.findings.RecommendationNotice;
import io.vigil.testing.TestDatabase;
import io.vigil.testing.TestHub;
import io.vigil.testing.TestMqttClient;
import io.vigil.testing.TestTokens;
import io.vigil.testing.VigilTestResource;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.Instant;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.matchesPattern;
import static org.hamcrest.Matchers.notNullValue;

/** The reference's twin queries, pasted verbatim, over twins kept current from detection's notices. */
@QuarkusTest
@QuarkusTestResource(VigilTestResource.class)
class TwinQueryResourceTest {

    static final String HUB = TestHub.RESOURCE_ID;
    private static final ObjectMapper JSON = TestHub.JSON;

    static final String OPEN_PORTS_QUERY = """
            SELECT
                deviceId,
                tags.recommendations.IoT_OpenPorts.severity,
                tags.recommendations.IoT_OpenPorts.discoveredAtUtc,
                tags.recommendations.IoT_OpenPorts.details.Endpoints
            FROM devices.modules\s
            WHERE\s
                moduleId = 'Microsoft.Security' AND\s
                IS_DEFINED(tags.recommendations.IoT_OpenPorts)
            """;
    static final String BRUTE_FORCE_QUERY = """
            SELECT
                deviceId,
                tags.alerts.IoT_Bruteforce_Success
            FROM devices.modules\s
            WHERE\s
                moduleId = 'Microsoft.Security' AND\s
                IS_DEFINED(tags.alerts.IoT_Bruteforce_Success)
            """;

    @BeforeAll
    static void fleet() throws Exception {
        Instant at = Instant.parse("2026-11-19T09:11:51Z");
        try (TestMqttClient detection = TestMqttClient.connect()) {
            for (String device : List.of("q-ports-1", "q-ports-2")) {
                detection.publish(FindingFeed.recommendationTopic("vigil-hub", device), JSON.writeValueAsBytes(new RecommendationNotice(1,
                        HUB, device, "IoT_OpenPorts", "Medium", "Active", at, null,
                        JSON.createObjectNode().put("Endpoints", "[\"0.0.0.0:" + (device.endsWith("1") ? "25324" : "80") + "\"]"))));
            }
            detection.publish(FindingFeed.alertTopic("vigil-hub", "q-brute-1"), JSON.writeValueAsBytes(new AlertNotice(1, HUB, "q-brute-1",
                    "IoT_Bruteforce_Success", "a-1", "High", "Active", at, at, 1)));
            detection.publish(FindingFeed.alertTopic("vigil-hub", "q-other-1"), JSON.writeValueAsBytes(new AlertNotice(1, HUB, "q-other-1",
                    "IoT_ReverseShell", "a-2", "High", "Active", at, at, 1)));
            for (int i = 0; i < 7; i++) {
                detection.publish(FindingFeed.alertTopic("vigil-hub", "q-page-" + i), JSON.writeValueAsBytes(new AlertNotice(1, HUB,
                        "q-page-" + i, "IoT_CryptoMiner", "c-" + i, "Medium", "Active", at, at, 1)));
            }
        }
        await().atMost(Duration.ofSeconds(20)).until(() -> TestDatabase.count(
                "SELECT count(*) FROM twin.twin WHERE module_id = 'Microsoft.Security' AND device_id LIKE 'q-%'"
                        + " AND document->'tags' <> '{}'::jsonb") == 11);
    }

    @Test
    void theOpenPortsQueryReturnsExactlyTheDevicesWithTheRecommendation() {
        List<Map<String, Object>> items = query(OPEN_PORTS_QUERY, null, null).jsonPath().getList("$");
        assertThat(items).extracting(i -> i.get("deviceId")).containsExactlyInAnyOrder("q-ports-1", "q-ports-2");
        assertThat(items).allSatisfy(item -> {
            assertThat(item.get("severity")).isEqualTo("Medium");
            assertThat(item.get("discoveredAtUtc")).isEqualTo("2026-11-19T09:11:51Z");
        });
        assertThat(items).extracting(i -> i.get("Endpoints")).containsExactlyInAnyOrder("[\"0.0.0.0:25324\"]", "[\"0.0.0.0:80\"]");
    }

    @Test
    void theBruteForceQueryReturnsExactlyTheDevicesWithTheAlert() {
        Response response = query(BRUTE_FORCE_QUERY, null, null);
        response.then().statusCode(200).header("x-ms-item-type", notNullValue())
                .header("Server-Timing", matchesPattern("db;dur=[0-9]+\\.[0-9]{3}"))
                .body("size()", equalTo(1)).body("[0].deviceId", equalTo("q-brute-1"));
        response.then().body("[0].IoT_Bruteforce_Success.severity", equalTo("High"))
                .body("[0].IoT_Bruteforce_Success.lastDetectionUtc", notNullValue());
    }

    @Test
    void pagesFollowTheContinuationWithoutRepeatsOrGaps() {
        String query = "SELECT deviceId FROM devices.modules WHERE IS_DEFINED(tags.alerts.IoT_CryptoMiner)";
        Set<Object> seen = new HashSet<>();
        String continuation = null;
        int pages = 0;
        do {
            Response page = query(query, 3, continuation);
            page.then().statusCode(200);
            List<Object> ids = page.jsonPath().getList("deviceId");
            assertThat(ids.size()).isLessThanOrEqualTo(3);
            ids.forEach(id -> assertThat(seen.add(id)).as("seen twice: " + id).isTrue());
            continuation = page.header("x-ms-continuation");
            pages++;
        } while (continuation != null && pages < 10);
        assertThat(seen).hasSize(7);
        assertThat(pages).isEqualTo(3);
    }

    @Test
    void badQueriesAndTokensAreFourHundredsWithAPosition() {
        given().auth().oauth2(TestTokens.reader()).contentType("application/json").body(Map.of("query", "SELECT * FROM devices WHERE"))
                .when().post("/devices/query").then().statusCode(400)
                .body("error.code", notNullValue()).body("error.line", equalTo(1)).body("error.column", notNullValue());
        given().auth().oauth2(TestTokens.reader()).contentType("application/json").header("x-ms-continuation", "bm9wZQ")
                .body(Map.of("query", "SELECT * FROM devices")).when().post("/devices/query").then().statusCode(400)
                .body("error.code", equalTo("query.bad-continuation"));
        given().contentType("application/json").body(Map.of("query", "SELECT * FROM devices"))
                .when().post("/devices/query").then().statusCode(401);
    }

    private static Response query(String query, Integer maxItems, String continuation) {
        var request = given().auth().oauth2(TestTokens.reader()).contentType("application/json").body(Map.of("query", query));
        if (maxItems != null) {
            request.header("x-ms-max-item-count", maxItems);
        }
        if (continuation != null) {
            request.header("x-ms-continuation", continuation);
        }
        Response response = request.when().post("/devices/query");
        response.then().statusCode(200);
        return response;
    }
}
