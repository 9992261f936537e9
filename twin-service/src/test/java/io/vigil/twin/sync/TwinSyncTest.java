package io.vigil.twin.sync;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.vigil.contracts.feed.EventFeed;
import io.vigil.contracts.feed.FeedBatch;
import io.vigil.contracts.feed.FeedEvent;
import io.vigil.contracts.feed.FeedMessage;
import io.vigil.contracts.findings.AlertNotice;
import io.vigil.contracts.findings.FindingFeed;
import io.vigil.contracts.findings.RecommendationNotice;
import io.vigil.testing.TestHub;
import io.vigil.testing.TestMqttClient;
import io.vigil.testing.TestTokens;
import io.vigil.testing.VigilTestResource;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.UUID;

import static io.restassured.RestAssured.given;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.notNullValue;

/** Over the real broker and PostgreSQL: the feed registers devices, notices keep the security module twin's tags. */
@QuarkusTest
@QuarkusTestResource(VigilTestResource.class)
class TwinSyncTest {

    static final String HUB = TestHub.RESOURCE_ID;
    private static final ObjectMapper JSON = TestHub.JSON;
    private static TestMqttClient services;

    @BeforeAll
    static void connect() {
        services = TestMqttClient.connect();
    }

    @AfterAll
    static void disconnect() {
        services.close();
    }

    @Test
    void aDeviceIsRegisteredByItsFirstSecurityMessage() throws Exception {
        Instant at = Instant.parse("2026-11-20T10:15:30Z");
        FeedEvent event = new FeedEvent(UUID.randomUUID().toString(), "LocalUsers", "Periodic", "Security", true, at, at.toString(), List.of());
        services.publish(EventFeed.topic("vigil-hub"), JSON.writeValueAsBytes(
                FeedBatch.of(new FeedMessage(HUB, "twin-new-1", null, "agent", "1.0", at, List.of(event)))));

        await().atMost(Duration.ofSeconds(20)).untilAsserted(() -> given().auth().oauth2(TestTokens.reader())
                .when().get("/twins/twin-new-1").then().statusCode(200)
                .body("deviceId", equalTo("twin-new-1")).body("lastActivityTime", equalTo("2026-11-20T10:15:30Z"))
                .body("properties.desired.$version", equalTo(1)).body("etag", notNullValue()));
        given().auth().oauth2(TestTokens.reader()).when().get("/twins/twin-new-1/modules/Microsoft.Security").then()
                .statusCode(200).body("moduleId", equalTo("Microsoft.Security"));
        // Auto-registered identities get keys of their own, as if an operator had created them.
        given().auth().oauth2(TestTokens.admin()).when().get("/devices/twin-new-1").then().statusCode(200)
                .body("authentication.type", equalTo("sas")).body("authentication.symmetricKey.primaryKey", notNullValue());
        given().when().get("/twins/twin-new-1").then().statusCode(401);
        given().auth().oauth2(TestTokens.reader()).when().get("/twins/nobody").then().statusCode(404)
                .body("error.code", equalTo("DeviceNotFound"));
    }

    @Test
    void lastActivityMovesOnlyWhenItFellBehindByTheGranularity() throws Exception {
        Instant first = Instant.parse("2026-11-22T09:00:00Z");
        services.publish(EventFeed.topic("vigil-hub"), JSON.writeValueAsBytes(FeedBatch.of(seen("twin-active-1", first))));
        await().atMost(Duration.ofSeconds(20)).untilAsserted(() -> given().auth().oauth2(TestTokens.reader())
                .when().get("/twins/twin-active-1").then().statusCode(200).body("lastActivityTime", equalTo("2026-11-22T09:00:00Z")));

        // 10 s later is within the 60 s default; the other device of the same batch shows the batch was handled.
        services.publish(EventFeed.topic("vigil-hub"), JSON.writeValueAsBytes(FeedBatch.of(seen("twin-active-1", first.plusSeconds(10)),
                seen("twin-active-witness", first))));
        await().atMost(Duration.ofSeconds(20)).untilAsserted(() -> given().auth().oauth2(TestTokens.reader())
                .when().get("/twins/twin-active-witness").then().statusCode(200));
        given().auth().oauth2(TestTokens.reader()).when().get("/twins/twin-active-1").then().statusCode(200)
                .body("lastActivityTime", equalTo("2026-11-22T09:00:00Z"));

        services.publish(EventFeed.topic("vigil-hub"), JSON.writeValueAsBytes(FeedBatch.of(seen("twin-active-1", first.plusSeconds(90)))));
        await().atMost(Duration.ofSeconds(20)).untilAsserted(() -> given().auth().oauth2(TestTokens.reader())
                .when().get("/twins/twin-active-1").then().statusCode(200).body("lastActivityTime", equalTo("2026-11-22T09:01:30Z")));
        given().auth().oauth2(TestTokens.reader()).when().get("/twins/twin-active-1/modules/Microsoft.Security").then().statusCode(200)
                .body("lastActivityTime", equalTo("2026-11-22T09:01:30Z"));
    }

    private static FeedMessage seen(String device, Instant at) {
        FeedEvent event = new FeedEvent(UUID.randomUUID().toString(), "LocalUsers", "Periodic", "Security", true, at, at.toString(), List.of());
        return new FeedMessage(HUB, device, null, "agent", "1.0", at, List.of(event));
    }

    @Test
    void noticesSetAndClearTheSecurityModuleTags() throws Exception {
        Instant discovered = Instant.parse("2026-11-21T08:00:00Z");
        services.publish(FindingFeed.alertTopic("vigil-hub", "twin-tags-1"), JSON.writeValueAsBytes(new AlertNotice(1, HUB, "twin-tags-1",
                "IoT_Bruteforce_Success", "id-1", "High", "Active", discovered, discovered.plusSeconds(60), 1)));
        services.publish(FindingFeed.recommendationTopic("vigil-hub", "twin-tags-1"), JSON.writeValueAsBytes(new RecommendationNotice(1,
                HUB, "twin-tags-1", "IoT_OpenPorts", "Medium", "Active", discovered, null,
                JSON.createObjectNode().put("Endpoints", "[\"0.0.0.0:23\"]"))));

        await().atMost(Duration.ofSeconds(20)).untilAsserted(() -> given().auth().oauth2(TestTokens.reader())
                .when().get("/twins/twin-tags-1/modules/Microsoft.Security").then().statusCode(200)
                .body("tags.alerts.IoT_Bruteforce_Success.severity", equalTo("High"))
                .body("tags.alerts.IoT_Bruteforce_Success.lastDetectionUtc", equalTo("2026-11-21T08:01:00Z"))
                .body("tags.recommendations.IoT_OpenPorts.details.Endpoints", equalTo("[\"0.0.0.0:23\"]"))
                .body("tags.recommendations.IoT_OpenPorts.discoveredAtUtc", equalTo("2026-11-21T08:00:00Z")));

        services.publish(FindingFeed.recommendationTopic("vigil-hub", "twin-tags-1"), JSON.writeValueAsBytes(new RecommendationNotice(1,
                HUB, "twin-tags-1", "IoT_OpenPorts", "Medium", "Resolved", discovered, discovered.plusSeconds(3600),
                JSON.createObjectNode())));
        await().atMost(Duration.ofSeconds(20)).untilAsserted(() -> given().auth().oauth2(TestTokens.reader())
                .when().get("/twins/twin-tags-1/modules/Microsoft.Security").then().statusCode(200)
                .body("tags.recommendations.IoT_OpenPorts", equalTo(null))
                .body("tags.alerts.IoT_Bruteforce_Success.severity", equalTo("High")));
    }
}
