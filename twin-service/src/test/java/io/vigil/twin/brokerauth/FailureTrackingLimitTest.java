package io.vigil.twin.brokerauth;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;
import io.restassured.http.ContentType;
import io.vigil.contracts.hubevents.HubEventFeed;
import io.vigil.testing.TestMqttClient;
import io.vigil.testing.TestTokens;
import io.vigil.testing.VigilTestResource;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * {@code vigil.twin.broker-auth.max-tracked-failures}: past that many devices refused within one report interval,
 * further devices' refusals are still refused but no longer reported, so a flood from many names costs bounded
 * memory and bounded hub events.
 */
@QuarkusTest
@TestProfile(FailureTrackingLimitTest.TwoTracked.class)
@QuarkusTestResource(VigilTestResource.class)
class FailureTrackingLimitTest {

    public static class TwoTracked implements QuarkusTestProfile {
        @Override
        public Map<String, String> getConfigOverrides() {
            return Map.of("vigil.twin.broker-auth.max-tracked-failures", "2",
                    "vigil.twin.broker-auth.failure-report-interval", "1h");
        }
    }

    private static final ObjectMapper JSON = new ObjectMapper();

    @Test
    void refusalsBeyondTheTrackedDevicesAreRefusedButNotReported() throws Exception {
        String run = UUID.randomUUID().toString().substring(0, 8);
        List<String> devices = List.of("ft-" + run + "-1", "ft-" + run + "-2", "ft-" + run + "-3");
        try (TestMqttClient detection = TestMqttClient.connect()) {
            detection.subscribe(HubEventFeed.TOPIC_ROOT + "/vigil-hub/+");
            for (String device : devices) {
                given().auth().oauth2(TestTokens.withRoles("broker")).contentType(ContentType.JSON)
                        .body(Map.of("clientId", device, "username", "localhost/" + device + "/?api-version=2021-04-12",
                                "password", "not a token", "clientAddress", "192.0.2.9"))
                        .post("/broker/authenticate").then().statusCode(403);
            }
            await().atMost(Duration.ofSeconds(20)).until(() -> reported(detection, devices).size() >= 2);
            Thread.sleep(2000);
            assertThat(reported(detection, devices)).containsExactly(devices.get(0), devices.get(1));
        }
    }

    private static List<String> reported(TestMqttClient detection, List<String> devices) {
        return detection.received().stream().map(message -> {
            try {
                return JSON.readTree(message.payload()).path("deviceId").asText();
            } catch (Exception e) {
                throw new IllegalStateException(e);
            }
        }).filter(devices::contains).sorted().toList();
    }
}
