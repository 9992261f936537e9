package io.vigil.endtoend;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.vigil.contracts.hub.DeviceCredentials;
import io.vigil.testing.Infrastructure;
import io.vigil.testing.TestMqttClient;
import io.vigil.testing.TestTokens;
import org.junit.jupiter.api.Test;

import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

/**
 * A HiveMQ broker of its own, as a cluster runs it, with the packaged device login extension unpacked into its
 * extensions folder and configured from its environment: it lets the services' account in, asks twin-service about
 * devices, and keeps each device to its own topics.
 */
class StandaloneBrokerLoginTest {

    private static final String DATABASE = Infrastructure.testDatabase("vigil_e2e_standalone_broker");
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String HOST = "localhost";

    @Test
    void thePackagedExtensionDecidesLoginsThroughTwinService() throws Exception {
        Infrastructure.shared().recreateDatabase(DATABASE);
        int twinPort = RunningSuite.freePort();
        Path folder = Path.of("target", "standalone-broker-" + UUID.randomUUID().toString().substring(0, 8)).toAbsolutePath();
        Path extension = RunningSuite.repositoryRoot().resolve("stack/target/hivemq-extension/vigil-device-auth");
        copyFolder(extension, folder.resolve("broker/extensions/vigil-device-auth"));
        Path token = Files.writeString(folder.resolve("broker-token"), TestTokens.withRoles("broker"));
        Path password = Files.writeString(folder.resolve("services-password"), "services-secret");

        try (ServiceUnderTest twin = new ServiceUnderTest("twin-service", twinPort, DATABASE, Map.of(
                "VIGIL_BROKER_PERSISTENT_SESSION", "false",
                "VIGIL_TWIN_SUBSCRIPTION_GROUP", "standalone-broker-" + UUID.randomUUID()))) {
            twin.start();
            twin.awaitReady(Duration.ofMinutes(2));
            String key = createDevice(twinPort, "standalone-ok");
            createDevice(twinPort, "standalone-other");

            int brokerPort = RunningSuite.freePort();
            ProcessBuilder builder = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                    "-cp", RunningSuite.repositoryRoot().resolve("stack/target/vigil-stack.jar").toString(),
                    "io.vigil.stack.embedded.StandaloneServer", "broker", "--data-dir", folder.resolve("broker").toString(),
                    "--port", String.valueOf(brokerPort), "--clean")
                    .redirectErrorStream(true);
            builder.environment().putAll(Map.of(
                    "VIGIL_TWIN_URL", "http://localhost:" + twinPort,
                    "VIGIL_BROKER_TOKEN_FILE", token.toString(),
                    "VIGIL_SERVICES_USERNAME", "vigil-services",
                    "VIGIL_SERVICES_PASSWORD_FILE", password.toString()));
            Process broker = builder.start();
            try {
                awaitReadyLine(broker, folder.resolve("broker.log"));
                String resource = DeviceCredentials.resource(HOST, "standalone-ok", "");
                try (TestMqttClient device = TestMqttClient.connect(HOST, brokerPort, "standalone-ok",
                        DeviceCredentials.username(HOST, "standalone-ok", ""),
                        DeviceCredentials.sasToken(resource, key, Instant.now().plusSeconds(600)))) {
                    device.publish("devices/standalone-ok/messages/events/", "{}");
                    // Another device's topic: the broker drops the connection.
                    device.send("devices/standalone-other/messages/events/", "{}".getBytes(StandardCharsets.UTF_8));
                    await().atMost(Duration.ofSeconds(20)).until(() -> !device.isConnected());
                }
                assertThatThrownBy(() -> TestMqttClient.connect(HOST, brokerPort, "standalone-ok", DeviceCredentials.username(HOST,
                        "standalone-ok", ""), DeviceCredentials.sasToken(resource, Base64.getEncoder().encodeToString(new byte[32]),
                        Instant.now().plusSeconds(600))).close()).as("a wrong signature").isInstanceOf(IllegalStateException.class);
                assertThatThrownBy(() -> TestMqttClient.connect(HOST, brokerPort, "vigil-services", "vigil-services", "guess").close())
                        .as("the services' account with a wrong password").isInstanceOf(IllegalStateException.class);
                try (TestMqttClient services = TestMqttClient.connect(HOST, brokerPort, "vigil-services-1", "vigil-services",
                        "services-secret")) {
                    services.publish("vigil/v1/anything", "{}");
                }
                // The extension reported the device's connection to twin-service.
                await().atMost(Duration.ofSeconds(20)).until(() -> connectionState(twinPort, "standalone-ok").equals("Disconnected")
                        && !lastConnectionUpdate(twinPort, "standalone-ok").startsWith("0001"));
            } finally {
                broker.destroy();
                if (!broker.waitFor(30, TimeUnit.SECONDS)) {
                    broker.destroyForcibly();
                }
            }
        }
    }

    /** Copies the broker's output to a log file and returns once it says it is up. */
    private static void awaitReadyLine(Process broker, Path log) throws Exception {
        BufferedReader lines = new BufferedReader(new InputStreamReader(broker.getInputStream(), StandardCharsets.UTF_8));
        var writer = Files.newBufferedWriter(log);
        long deadline = System.nanoTime() + TimeUnit.MINUTES.toNanos(2);
        String line;
        while ((line = lines.readLine()) != null) {
            writer.write(line);
            writer.newLine();
            writer.flush();
            if (line.startsWith("VIGIL-SERVER-READY")) {
                Thread drain = new Thread(() -> {
                    try (writer; lines) {
                        String rest;
                        while ((rest = lines.readLine()) != null) {
                            writer.write(rest);
                            writer.newLine();
                            writer.flush();
                        }
                    } catch (Exception ignored) {
                        // the broker is gone
                    }
                });
                drain.setDaemon(true);
                drain.start();
                return;
            }
            if (System.nanoTime() > deadline) {
                break;
            }
        }
        throw new AssertionError("the standalone broker did not start; see " + log);
    }

    private static String createDevice(int twinPort, String deviceId) throws Exception {
        HttpResponse<String> created = HttpClient.newHttpClient().send(HttpRequest.newBuilder(
                        URI.create("http://localhost:" + twinPort + "/devices/" + deviceId))
                .header("Authorization", "Bearer " + TestTokens.admin()).header("Content-Type", "application/json")
                .PUT(HttpRequest.BodyPublishers.ofString("{}")).build(), HttpResponse.BodyHandlers.ofString());
        assertThat(created.statusCode()).as(created.body()).isEqualTo(200);
        return JSON.readTree(created.body()).at("/authentication/symmetricKey/primaryKey").asText();
    }

    private static String connectionState(int twinPort, String deviceId) throws Exception {
        return device(twinPort, deviceId).path("connectionState").asText();
    }

    private static String lastConnectionUpdate(int twinPort, String deviceId) throws Exception {
        return device(twinPort, deviceId).path("connectionStateUpdatedTime").asText("0001");
    }

    private static com.fasterxml.jackson.databind.JsonNode device(int twinPort, String deviceId) throws Exception {
        return JSON.readTree(HttpClient.newHttpClient().send(HttpRequest.newBuilder(URI.create("http://localhost:" + twinPort
                + "/devices/" + deviceId)).header("Authorization", "Bearer " + TestTokens.admin()).build(),
                HttpResponse.BodyHandlers.ofString()).body());
    }

    private static void copyFolder(Path from, Path to) throws Exception {
        if (!Files.isDirectory(from)) {
            throw new AssertionError("the packaged extension is missing: " + from + " (built by the stack module's package phase)");
        }
        Files.createDirectories(to);
        try (Stream<Path> files = Files.list(from)) {
            for (Path file : files.toList()) {
                Files.copy(file, to.resolve(file.getFileName()));
            }
        }
    }
}
