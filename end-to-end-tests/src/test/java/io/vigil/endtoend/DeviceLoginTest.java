package io.vigil.endtoend;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.vigil.contracts.hub.DeviceCredentials;
import io.vigil.simulator.scenario.OutgoingMessage;
import io.vigil.simulator.scenario.Scenarios;
import io.vigil.simulator.scenario.SimulatedDevice;
import io.vigil.testing.TestMqttClient;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.Optional;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

/**
 * Devices prove who they are to the embedded broker, which asks twin-service: a registered device with a token
 * signed by its key, or with the certificate whose thumbprint the registry holds, connects and its messages are
 * stored; a wrong signature, an expired token, an unknown device, a wrong or expired certificate cannot connect and
 * raise the hub's alerts, and a device cannot publish under another device's name.
 */
class DeviceLoginTest {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String HOST = "localhost";
    private static final Path DATA = Path.of("target", "device-login-data").toAbsolutePath();

    private static RunningSuite suite;
    private static String admin;
    private static int brokerPort;
    private static int brokerTlsPort;

    @BeforeAll
    static void startSuite() throws Exception {
        brokerPort = RunningSuite.freePort();
        brokerTlsPort = RunningSuite.freePort();
        suite = RunningSuite.start(RunningSuite.freePortRange(), "--clean", "--data-dir", DATA.toString(),
                "--db-port", String.valueOf(RunningSuite.freePort()), "--broker-port", String.valueOf(brokerPort),
                "--broker-tls-port", String.valueOf(brokerTlsPort));
        suite.awaitUp(Duration.ofMinutes(4));
        admin = suite.adminToken();
    }

    @AfterAll
    static void stopSuite() {
        if (suite != null) {
            suite.close();
        }
    }

    @Test
    void onlyRegisteredDevicesWithValidTokensGetInAndOnlyAsThemselves() throws Exception {
        String key = createDevice("login-ok", "{}").at("/authentication/symmetricKey/primaryKey").asText();
        createDevice("login-victim", "{}");
        String resource = DeviceCredentials.resource(HOST, "login-ok", "");

        try (TestMqttClient device = TestMqttClient.connect(HOST, brokerPort, "login-ok", DeviceCredentials.username(HOST, "login-ok", ""),
                DeviceCredentials.sasToken(resource, key, Instant.now().plusSeconds(3600)))) {
            publishOneMessage(device, "login-ok");
            await().atMost(Duration.ofSeconds(60)).until(() -> rawEvents("login-ok") > 0);
            await().atMost(Duration.ofSeconds(20)).until(() -> connectionState("login-ok").equals("Connected"));

            // Under another device's name: the broker drops the connection and stores nothing.
            OutgoingMessage forged = new SimulatedDevice("login-victim", Scenarios.named("normal").orElseThrow(), 3, Clock.systemUTC())
                    .nextMessage(5);
            device.send(forged.topic(), forged.body());
            await().atMost(Duration.ofSeconds(20)).until(() -> !device.isConnected());
            await().atMost(Duration.ofSeconds(20)).until(() -> connectionState("login-ok").equals("Disconnected"));
        }
        Thread.sleep(2000);
        assertThat(rawEvents("login-victim")).isZero();

        String otherKey = Base64.getEncoder().encodeToString(new byte[32]);
        assertRefused("login-ok", DeviceCredentials.sasToken(resource, otherKey, Instant.now().plusSeconds(3600)));
        assertRefused("login-ok", DeviceCredentials.sasToken(resource, key, Instant.now().minusSeconds(60)));
        assertRefused("login-nobody", DeviceCredentials.sasToken(DeviceCredentials.resource(HOST, "login-nobody", ""), key,
                Instant.now().plusSeconds(3600)));
        assertThatThrownBy(() -> TestMqttClient.connect(HOST, brokerPort, "anonymous-client", null, null).close())
                .as("a client without credentials").isInstanceOf(IllegalStateException.class);

        // A SAS device may use the TLS listener too, without a certificate of its own.
        try (TestMqttClient overTls = TestMqttClient.connectTls(HOST, brokerTlsPort, brokerCertificate(), "login-ok",
                DeviceCredentials.username(HOST, "login-ok", ""), DeviceCredentials.sasToken(resource, key, Instant.now().plusSeconds(3600)),
                Optional.empty())) {
            assertThat(overTls.isConnected()).isTrue();
        }

        // The refusals of the registered device reach SecurityAlert as the hub's alerts, next to its onboarding.
        await().atMost(Duration.ofSeconds(60)).untilAsserted(() -> assertThat(alertTypes("login-ok"))
                .isEqualTo("[[\"IoT_DeviceOnboarded\"],[\"IoT_Expired_SAS_Token\"],[\"IoT_Invalid_SAS_Token\"]]"));
    }

    @Test
    void devicesWithCertificatesLogInThroughTheTlsListenerAndWrongOrExpiredOnesRaiseTheHubAlerts() throws Exception {
        Path certificates = DATA.resolve("device-certificates");
        DeviceCertificate registered = DeviceCertificate.selfSigned(certificates, "x509-ok", 1, 30);
        DeviceCertificate stranger = DeviceCertificate.selfSigned(certificates, "x509-ok", 1, 30);
        DeviceCertificate expired = DeviceCertificate.selfSigned(certificates, "x509-expired", 30, 1);
        createDevice("x509-ok", selfSigned(registered));
        createDevice("x509-expired", selfSigned(expired));

        try (TestMqttClient device = connectWithCertificate("x509-ok", Optional.of(registered))) {
            publishOneMessage(device, "x509-ok");
            await().atMost(Duration.ofSeconds(60)).until(() -> rawEvents("x509-ok") > 0);
            await().atMost(Duration.ofSeconds(20)).until(() -> connectionState("x509-ok").equals("Connected"));
        }

        assertThatThrownBy(() -> connectWithCertificate("x509-ok", Optional.of(stranger)).close())
                .as("a certificate the registry does not hold").isInstanceOf(IllegalStateException.class);
        assertThatThrownBy(() -> connectWithCertificate("x509-ok", Optional.empty()).close())
                .as("a certificate device without a certificate").isInstanceOf(IllegalStateException.class);
        assertThatThrownBy(() -> connectWithCertificate("x509-expired", Optional.of(expired)).close())
                .as("the registered certificate, expired").isInstanceOf(IllegalStateException.class);
        assertThat(rawEvents("x509-expired")).isZero();

        await().atMost(Duration.ofSeconds(60)).untilAsserted(() -> {
            assertThat(alertTypes("x509-ok")).isEqualTo("[[\"IoT_Cert_Print_Mismatch\"],[\"IoT_DeviceOnboarded\"]]");
            assertThat(alertTypes("x509-expired")).isEqualTo("[[\"IoT_Cert_Expired\"]]");
        });
    }

    private static TestMqttClient connectWithCertificate(String deviceId, Optional<DeviceCertificate> certificate) {
        return TestMqttClient.connectTls(HOST, brokerTlsPort, brokerCertificate(), deviceId, DeviceCredentials.username(HOST, deviceId, ""),
                null, certificate.map(DeviceCertificate::clientKeyStore));
    }

    private static Path brokerCertificate() {
        return DATA.resolve("broker").resolve("tls").resolve("broker-certificate.pem");
    }

    private static String selfSigned(DeviceCertificate certificate) {
        return "{\"authentication\": {\"type\": \"selfSigned\", \"x509Thumbprint\": {\"primaryThumbprint\": \""
                + certificate.sha1Thumbprint() + "\"}}}";
    }

    private static void publishOneMessage(TestMqttClient device, String deviceId) {
        OutgoingMessage message = new SimulatedDevice(deviceId, Scenarios.named("normal").orElseThrow(), 3, Clock.systemUTC()).nextMessage(5);
        device.publish(message.topic(), message.body());
    }

    private static void assertRefused(String deviceId, String token) {
        assertThatThrownBy(() -> TestMqttClient.connect(HOST, brokerPort, deviceId, DeviceCredentials.username(HOST, deviceId, ""), token).close())
                .as("login of " + deviceId).isInstanceOf(IllegalStateException.class);
    }

    private static JsonNode createDevice(String deviceId, String body) throws Exception {
        HttpResponse<String> created = suite.put("twin-service", "/devices/" + deviceId, admin, body);
        assertThat(created.statusCode()).as(created.body()).isEqualTo(200);
        return JSON.readTree(created.body());
    }

    private static String connectionState(String deviceId) throws Exception {
        return JSON.readTree(suite.get("twin-service", "/devices/" + deviceId, admin).body()).path("connectionState").asText();
    }

    private static long rawEvents(String deviceId) throws Exception {
        return suite.kqlRows(admin, "SecurityIoTRawEvent | where DeviceId == '" + deviceId + "' | count").at("/0/0").asLong();
    }

    private static String alertTypes(String deviceId) throws Exception {
        return suite.kqlRows(admin, "SecurityAlert | where tostring(parse_json(ExtendedProperties)['DeviceId']) == '" + deviceId + "'"
                + " | summarize by AlertType | order by AlertType asc").toString();
    }
}
