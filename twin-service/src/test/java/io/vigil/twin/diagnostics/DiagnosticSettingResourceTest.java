package io.vigil.twin.diagnostics;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.vigil.contracts.hubevents.HubEventFeed;
import io.vigil.contracts.hubevents.HubEventNotice;
import io.vigil.testing.TestDatabase;
import io.vigil.testing.TestHub;
import io.vigil.testing.TestMqttClient;
import io.vigil.testing.TestTokens;
import io.vigil.testing.VigilTestResource;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.time.Duration;
import java.util.List;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.equalTo;

/** Diagnostic settings over HTTP: stored as given, every attempt audited and reported to detection. */
@QuarkusTest
@QuarkusTestResource(VigilTestResource.class)
class DiagnosticSettingResourceTest {

    private static final ObjectMapper JSON = new ObjectMapper().findAndRegisterModules();
    private static final String SETTING = "{\"properties\": {\"workspaceId\": \"ws-1\", \"logs\": [{\"category\": \"Connections\", \"enabled\": true}]}}";

    @Test
    void everyAttemptToAddEditOrDeleteASettingIsAuditedAndReported() {
        try (TestMqttClient detection = TestMqttClient.connect()) {
            detection.subscribe(HubEventFeed.topic(TestHub.NAME, ""));
            put("to-workspace", SETTING).then().statusCode(200).body("properties.logs[0].category", equalTo("Connections"));
            put("to-workspace", SETTING.replace("true", "false")).then().statusCode(200).body("properties.logs[0].enabled", equalTo(false));
            put("to-workspace", "{\"properties\": {\"logs\": [{\"category\": \"Everything\", \"enabled\": true}]}}").then().statusCode(400);
            given().auth().oauth2(TestTokens.reader()).get("/diagnosticSettings/to-workspace").then().statusCode(200)
                    .body("properties.workspaceId", equalTo("ws-1"));
            given().auth().oauth2(TestTokens.admin()).delete("/diagnosticSettings/to-workspace").then().statusCode(204);
            given().auth().oauth2(TestTokens.admin()).delete("/diagnosticSettings/to-workspace").then().statusCode(404);
            given().auth().oauth2(TestTokens.operator()).contentType(ContentType.JSON).body(SETTING).put("/diagnosticSettings/x").then().statusCode(403);

            await().atMost(Duration.ofSeconds(20)).until(() -> detection.received().stream().map(r -> read(r.payload()))
                    .filter(n -> n.kind().startsWith("diagnostic-setting")).count() >= 5);
            List<HubEventNotice> notices = detection.received().stream().map(r -> read(r.payload()))
                    .filter(n -> n.kind().startsWith("diagnostic-setting")).toList();
            assertThat(notices).extracting(n -> n.kind() + (n.reason() == null ? "" : " failed")).containsExactly(
                    HubEventNotice.DIAGNOSTIC_SETTING_CHANGED, HubEventNotice.DIAGNOSTIC_SETTING_CHANGED,
                    HubEventNotice.DIAGNOSTIC_SETTING_CHANGED + " failed", HubEventNotice.DIAGNOSTIC_SETTING_DELETED,
                    HubEventNotice.DIAGNOSTIC_SETTING_DELETED + " failed");
            assertThat(notices).allSatisfy(n -> assertThat(n.target()).isEqualTo("to-workspace"));
        }
        assertThat(TestDatabase.query("SELECT action, outcome FROM twin.audit_event WHERE target = 'to-workspace' ORDER BY id"))
                .extracting(row -> row.get("action") + " " + row.get("outcome")).containsExactly(
                        "diagnostic-setting.add succeeded", "diagnostic-setting.edit succeeded", "diagnostic-setting.put failed",
                        "diagnostic-setting.delete succeeded", "diagnostic-setting.delete failed");
    }

    private static io.restassured.response.Response put(String name, String body) {
        return given().auth().oauth2(TestTokens.admin()).contentType(ContentType.JSON).body(body).put("/diagnosticSettings/" + name);
    }

    private static HubEventNotice read(byte[] payload) {
        try {
            return JSON.readValue(payload, HubEventNotice.class);
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }
}
