package io.vigil.endtoend;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.vigil.contracts.hub.DeviceCredentials;
import io.vigil.simulator.scenario.OutgoingMessage;
import io.vigil.simulator.scenario.Scenarios;
import io.vigil.simulator.scenario.SimulatedDevice;
import io.vigil.testing.TestMqttClient;
import org.junit.jupiter.api.Test;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

/**
 * Devices prove who they are to the embedded broker, which asks twin-service: a registered device with a token
 * signed by its key connects and its messages are stored; a wrong signature, an expired token or an unknown device
 * cannot connect, and a device cannot publish under another device's name.
 */
class DeviceLoginTest {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String HOST = "localhost";

    @Test
    void onlyRegisteredDevicesWithValidTokensGetInAndOnlyAsThemselves() throws Exception {
        int base = RunningSuite.freePortRange();
        int brokerPort = RunningSuite.freePort();
        Path data = Path.of("target", "device-login-data").toAbsolutePath();
        try (RunningSuite suite = RunningSuite.start(base, "--clean", "--data-dir", data.toString(),
                "--db-port", String.valueOf(RunningSuite.freePort()), "--broker-port", String.valueOf(brokerPort))) {
            suite.awaitUp(Duration.ofMinutes(4));
            String admin = suite.adminToken();
            String key = createDevice(suite, admin, "login-ok");
            createDevice(suite, admin, "login-victim");
            String resource = DeviceCredentials.resource(HOST, "login-ok", "");

            try (TestMqttClient device = TestMqttClient.connect(HOST, brokerPort, "login-ok", DeviceCredentials.username(HOST, "login-ok", ""),
                    DeviceCredentials.sasToken(resource, key, Instant.now().plusSeconds(3600)))) {
                SimulatedDevice agent = new SimulatedDevice("login-ok", Scenarios.named("normal").orElseThrow(), 3, Clock.systemUTC());
                OutgoingMessage message = agent.nextMessage(5);
                device.publish(message.topic(), message.body());
                await().atMost(Duration.ofSeconds(60)).until(() -> rawEvents(suite, admin, "login-ok") > 0);
                await().atMost(Duration.ofSeconds(20)).until(() -> connectionState(suite, admin, "login-ok").equals("Connected"));

                // Under another device's name: the broker drops the connection and stores nothing.
                OutgoingMessage forged = new SimulatedDevice("login-victim", Scenarios.named("normal").orElseThrow(), 3, Clock.systemUTC())
                        .nextMessage(5);
                device.send(forged.topic(), forged.body());
                await().atMost(Duration.ofSeconds(20)).until(() -> !device.isConnected());
                await().atMost(Duration.ofSeconds(20)).until(() -> connectionState(suite, admin, "login-ok").equals("Disconnected"));
            }
            Thread.sleep(2000);
            assertThat(rawEvents(suite, admin, "login-victim")).isZero();

            String otherKey = Base64.getEncoder().encodeToString(new byte[32]);
            assertRefused(brokerPort, "login-ok", DeviceCredentials.sasToken(resource, otherKey, Instant.now().plusSeconds(3600)));
            assertRefused(brokerPort, "login-ok", DeviceCredentials.sasToken(resource, key, Instant.now().minusSeconds(60)));
            assertRefused(brokerPort, "login-nobody", DeviceCredentials.sasToken(DeviceCredentials.resource(HOST, "login-nobody", ""), key,
                    Instant.now().plusSeconds(3600)));
            assertThatThrownBy(() -> TestMqttClient.connect(HOST, brokerPort, "anonymous-client", null, null).close())
                    .as("a client without credentials").isInstanceOf(IllegalStateException.class);

            // The refusals of the registered device reach SecurityAlert as the hub's alerts, next to its onboarding.
            String alerts = "SecurityAlert | where tostring(parse_json(ExtendedProperties)['DeviceId']) == 'login-ok'"
                    + " | summarize by AlertType | order by AlertType asc";
            await().atMost(Duration.ofSeconds(60)).untilAsserted(() -> assertThat(rows(suite, admin, alerts).toString())
                    .isEqualTo("[[\"IoT_DeviceOnboarded\"],[\"IoT_Expired_SAS_Token\"],[\"IoT_Invalid_SAS_Token\"]]"));
        }
    }

    private static void assertRefused(int brokerPort, String deviceId, String token) {
        assertThatThrownBy(() -> TestMqttClient.connect(HOST, brokerPort, deviceId, DeviceCredentials.username(HOST, deviceId, ""), token).close())
                .as("login of " + deviceId).isInstanceOf(IllegalStateException.class);
    }

    private static String createDevice(RunningSuite suite, String admin, String deviceId) throws Exception {
        HttpRequest request = HttpRequest.newBuilder(URI.create("http://localhost:" + suite.httpPort("twin-service") + "/devices/" + deviceId))
                .header("Authorization", "Bearer " + admin).header("Content-Type", "application/json")
                .PUT(HttpRequest.BodyPublishers.ofString("{}")).timeout(Duration.ofSeconds(10)).build();
        HttpResponse<String> created = HttpClient.newHttpClient().send(request, HttpResponse.BodyHandlers.ofString());
        assertThat(created.statusCode()).as(created.body()).isEqualTo(200);
        return JSON.readTree(created.body()).at("/authentication/symmetricKey/primaryKey").asText();
    }

    private static String connectionState(RunningSuite suite, String admin, String deviceId) throws Exception {
        return JSON.readTree(suite.get("twin-service", "/devices/" + deviceId, admin).body()).path("connectionState").asText();
    }

    private static long rawEvents(RunningSuite suite, String admin, String deviceId) throws Exception {
        return rows(suite, admin, "SecurityIoTRawEvent | where DeviceId == '" + deviceId + "' | count").at("/0/0").asLong();
    }

    private static JsonNode rows(RunningSuite suite, String admin, String kql) throws Exception {
        HttpRequest request = HttpRequest.newBuilder(URI.create("http://localhost:" + suite.httpPort("query-service") + "/v1/workspaces/e2e/query"))
                .header("Authorization", "Bearer " + admin).header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(JSON.writeValueAsString(java.util.Map.of("query", kql))))
                .timeout(Duration.ofSeconds(10)).build();
        return JSON.readTree(HttpClient.newHttpClient().send(request, HttpResponse.BodyHandlers.ofString()).body()).at("/tables/0/rows");
    }
}
