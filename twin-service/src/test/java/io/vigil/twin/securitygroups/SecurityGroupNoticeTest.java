package io.vigil.twin.securitygroups;

import com.fasterxml.jackson.databind.JsonNode;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.vigil.testing.TestHub;
import io.vigil.testing.TestMqttClient;
import io.vigil.testing.TestTokens;
import io.vigil.testing.VigilTestResource;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.List;
import java.util.UUID;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * Moving a device between security groups through its twin's tags announces the new group on the broker, retained,
 * over a real broker: nothing for other tag changes or for module twins, and a late subscriber gets the latest group.
 */
@QuarkusTest
@QuarkusTestResource(VigilTestResource.class)
class SecurityGroupNoticeTest {

    @Test
    void aChangeOfGroupIsAnnouncedAndTheLatestIsRetained() throws Exception {
        String deviceId = "sg-" + UUID.randomUUID().toString().substring(0, 8);
        String topic = "vigil/v1/security-groups/+/" + deviceId;
        given().auth().oauth2(TestTokens.admin()).contentType(ContentType.JSON).body("{}").put("/devices/" + deviceId)
                .then().statusCode(200);
        given().auth().oauth2(TestTokens.admin()).contentType(ContentType.JSON).body("{}").put("/devices/" + deviceId + "/modules/worker")
                .then().statusCode(200);
        try (TestMqttClient detection = TestMqttClient.connect()) {
            detection.subscribe(topic);

            int version = patch("/twins/" + deviceId, "{\"tags\": {\"securityGroup\": \"plant-3\"}}");
            JsonNode joined = awaitNotice(detection, 1);
            assertThat(joined.path("deviceId").asText()).isEqualTo(deviceId);
            assertThat(joined.path("securityGroup").asText()).isEqualTo("plant-3");
            assertThat(joined.path("twinVersion").asLong()).isEqualTo(version);
            assertThat(joined.path("hub").asText()).contains("/IotHubs/");
            assertThat(joined.path("version").asInt()).isEqualTo(1);

            // Neither another tag nor a module twin's securityGroup moves the device.
            patch("/twins/" + deviceId, "{\"tags\": {\"site\": \"Lyon\"}}");
            patch("/twins/" + deviceId + "/modules/worker", "{\"tags\": {\"securityGroup\": \"elsewhere\"}}");
            version = patch("/twins/" + deviceId, "{\"tags\": {\"securityGroup\": null}}");
            JsonNode left = awaitNotice(detection, 2);
            assertThat(left.path("securityGroup").isNull()).as("no group after the tag is removed: %s", left).isTrue();
            assertThat(left.path("twinVersion").asLong()).isEqualTo(version);

            patch("/twins/" + deviceId, "{\"tags\": {\"securityGroup\": \"plant-4\"}}");
            awaitNotice(detection, 3);
            Thread.sleep(500);
            assertThat(detection.received()).as("one notice per change of group").hasSize(3);
        }
        try (TestMqttClient late = TestMqttClient.connect()) {
            late.subscribe(topic);
            assertThat(awaitNotice(late, 1).path("securityGroup").asText()).as("the retained notice").isEqualTo("plant-4");

            // Deleting the device clears its retained notice: subscribers get an empty message, later ones nothing.
            given().auth().oauth2(TestTokens.admin()).delete("/devices/" + deviceId).then().statusCode(204);
            long deadline = System.nanoTime() + Duration.ofSeconds(10).toNanos();
            while (late.received().size() < 2 && System.nanoTime() < deadline) {
                Thread.sleep(20);
            }
            assertThat(late.received()).hasSize(2);
            assertThat(late.received().get(1).payload()).as("the clearing message").isEmpty();
        }
        try (TestMqttClient afterDeletion = TestMqttClient.connect()) {
            afterDeletion.subscribe(topic);
            Thread.sleep(1000);
            assertThat(afterDeletion.received()).as("no retained notice of a deleted device").isEmpty();
        }
    }

    private static int patch(String path, String body) {
        return given().auth().oauth2(TestTokens.operator()).contentType(ContentType.JSON).body(body).patch(path)
                .then().statusCode(200).extract().path("version");
    }

    private static JsonNode awaitNotice(TestMqttClient client, int count) throws Exception {
        long deadline = System.nanoTime() + Duration.ofSeconds(10).toNanos();
        while (client.received().size() < count && System.nanoTime() < deadline) {
            Thread.sleep(20);
        }
        List<TestMqttClient.Received> received = client.received();
        assertThat(received).as("notices received").hasSizeGreaterThanOrEqualTo(count);
        return TestHub.JSON.readTree(received.get(count - 1).payload());
    }
}
