package io.vigil.twin.devicechannel;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.vigil.contracts.hubevents.HubEventFeed;
import io.vigil.contracts.hubevents.HubEventNotice;
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
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.equalTo;

/** A device reads its twin, reports properties and hears of desired changes over the real broker. */
@QuarkusTest
@QuarkusTestResource(VigilTestResource.class)
class DeviceTwinChannelTest {

    private static final ObjectMapper JSON = new ObjectMapper();

    @Test
    void aDeviceReadsItsTwinReportsAndHearsOfDesiredChanges() throws Exception {
        String device = "dc-" + UUID.randomUUID();
        create(device);
        try (TestMqttClient agent = TestMqttClient.connect(); TestMqttClient detection = TestMqttClient.connect()) {
            detection.subscribe(HubEventFeed.topic("vigil-hub", device));
            agent.subscribe("devices/" + device + "/twin/res/#");
            agent.subscribe("devices/" + device + "/twin/PATCH/properties/desired/#");

            agent.publish("devices/" + device + "/twin/GET/?$rid=1", new byte[0]);
            TestMqttClient.Received got = awaitTopic(agent, "devices/" + device + "/twin/res/200/?$rid=1");
            JsonNode twin = JSON.readTree(got.payload());
            assertThat(twin.at("/desired/$version").asLong()).isEqualTo(1);
            assertThat(twin.at("/reported/$version").asLong()).isEqualTo(1);

            agent.publish("devices/" + device + "/twin/PATCH/properties/reported/?$rid=2",
                    "{\"firmware\": \"4.2\", \"agent\": {\"state\": \"running\"}}");
            awaitTopic(agent, "devices/" + device + "/twin/res/204/?$rid=2&$version=2");
            given().auth().oauth2(TestTokens.reader()).get("/twins/" + device).then().statusCode(200)
                    .body("properties.reported.firmware", equalTo("4.2"))
                    .body("properties.reported.agent.state", equalTo("running"))
                    .body("properties.reported.$version", equalTo(2))
                    .body("properties.reported.$metadata.firmware.$lastUpdatedVersion", equalTo(2));

            given().auth().oauth2(TestTokens.operator()).contentType(ContentType.JSON)
                    .body("{\"properties\": {\"desired\": {\"telemetryInterval\": 60}}}").patch("/twins/" + device)
                    .then().statusCode(200);
            TestMqttClient.Received desired = awaitTopic(agent, "devices/" + device + "/twin/PATCH/properties/desired/?$version=2");
            assertThat(JSON.readTree(desired.payload())).isEqualTo(JSON.readTree("{\"telemetryInterval\": 60, \"$version\": 2}"));

            // The device's patch and the operator's are two twin updates, reported folded once the interval (1 s in
            // tests) ends; reading the twin is none.
            await().atMost(Duration.ofSeconds(20)).until(() -> twinUpdates(detection) == 2);
            Thread.sleep(1500);
            assertThat(twinUpdates(detection)).isEqualTo(2);
            assertThat(detection.received()).extracting(r -> notice(r).deviceId()).containsOnly(device);
        }
    }

    private static int twinUpdates(TestMqttClient detection) {
        return detection.received().stream().map(DeviceTwinChannelTest::notice)
                .filter(n -> n.kind().equals(HubEventNotice.TWIN_UPDATED)).mapToInt(HubEventNotice::count).sum();
    }

    private static HubEventNotice notice(TestMqttClient.Received received) {
        try {
            return TestHub.JSON.readValue(received.payload(), HubEventNotice.class);
        } catch (java.io.IOException e) {
            throw new IllegalStateException(e);
        }
    }

    @Test
    void modulesHaveTwinTopicsOfTheirOwn() throws Exception {
        String device = "dc-mod-" + UUID.randomUUID();
        create(device);
        given().auth().oauth2(TestTokens.admin()).contentType(ContentType.JSON).body("{}")
                .put("/devices/" + device + "/modules/azureiotsecurity").then().statusCode(200);
        String base = "devices/" + device + "/modules/azureiotsecurity/twin";
        try (TestMqttClient agent = TestMqttClient.connect()) {
            agent.subscribe(base + "/res/#");
            agent.publish(base + "/PATCH/properties/reported/?$rid=m1",
                    "{\"ms_iotn:urn_azureiot_Security_SecurityAgentConfiguration\": {\"snapshotFrequency\": {\"value\": \"PT13H\"}}}");
            awaitTopic(agent, base + "/res/204/?$rid=m1&$version=2");
        }
        given().auth().oauth2(TestTokens.reader()).get("/twins/" + device + "/modules/azureiotsecurity").then().statusCode(200)
                .body("properties.reported.'ms_iotn:urn_azureiot_Security_SecurityAgentConfiguration'.snapshotFrequency.value", equalTo("PT13H"));
    }

    @Test
    void badRequestsAreAnsweredWithTheirReason() throws Exception {
        String device = "dc-bad-" + UUID.randomUUID();
        create(device);
        String unknown = "dc-nobody-" + UUID.randomUUID();
        try (TestMqttClient agent = TestMqttClient.connect()) {
            agent.subscribe("devices/" + device + "/twin/res/#");
            agent.subscribe("devices/" + unknown + "/twin/res/#");

            agent.publish("devices/" + unknown + "/twin/GET/?$rid=1", new byte[0]);
            assertThat(JSON.readTree(awaitTopic(agent, "devices/" + unknown + "/twin/res/404/?$rid=1").payload()).at("/error/code").asText())
                    .isEqualTo("DeviceNotFound");

            agent.publish("devices/" + device + "/twin/PATCH/properties/reported/?$rid=2", "{not json");
            awaitTopic(agent, "devices/" + device + "/twin/res/400/?$rid=2");
            agent.publish("devices/" + device + "/twin/PATCH/properties/reported/?$rid=3", "{\"$version\": 7, \"bad.name\": 1}");
            JsonNode refused = JSON.readTree(awaitTopic(agent, "devices/" + device + "/twin/res/400/?$rid=3").payload());
            assertThat(refused.at("/error/message").asText()).contains("bad.name");

            // Over vigil.twin.device-channel.max-message-bytes (64 KiB): refused unread.
            agent.publish("devices/" + device + "/twin/PATCH/properties/reported/?$rid=4",
                    "{\"big\": \"" + "x".repeat(65_536) + "\"}");
            JsonNode tooLarge = JSON.readTree(awaitTopic(agent, "devices/" + device + "/twin/res/413/?$rid=4").payload());
            assertThat(tooLarge.at("/error/code").asText()).isEqualTo("MessageTooLarge");
        }
        // Nothing of the refused patches was stored.
        given().auth().oauth2(TestTokens.reader()).get("/twins/" + device).then().body("properties.reported.$version", equalTo(1));
    }

    @Test
    void aFloodingDeviceIsThrottledAndEveryRequestIsAnswered() {
        String device = "dc-flood-" + UUID.randomUUID();
        create(device);
        int requests = 30;
        try (TestMqttClient agent = TestMqttClient.connect()) {
            agent.subscribe("devices/" + device + "/twin/res/#");
            for (int i = 0; i < requests; i++) {
                agent.publish("devices/" + device + "/twin/GET/?$rid=" + i, new byte[0]);
            }
            await().atMost(Duration.ofSeconds(20)).until(() -> agent.received().size() >= requests);
            List<String> statuses = agent.received().stream().map(r -> r.topic().split("/")[4]).toList();
            // Five a second in tests (application.properties): the 30 arrive within a few seconds at most.
            assertThat(statuses).contains("200", "429").hasSize(requests);
            assertThat(statuses.stream().filter("429"::equals).count()).isGreaterThanOrEqualTo(requests - 15);
        }
    }

    private static void create(String device) {
        given().auth().oauth2(TestTokens.admin()).contentType(ContentType.JSON).body("{}").put("/devices/" + device)
                .then().statusCode(200);
    }

    private static TestMqttClient.Received awaitTopic(TestMqttClient client, String topic) {
        await().atMost(Duration.ofSeconds(20)).until(() -> client.received().stream().anyMatch(r -> r.topic().equals(topic)));
        return client.received().stream().filter(r -> r.topic().equals(topic)).findFirst().orElseThrow();
    }
}
