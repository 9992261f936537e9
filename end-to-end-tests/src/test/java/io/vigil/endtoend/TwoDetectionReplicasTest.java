package io.vigil.endtoend;

import io.vigil.simulator.scenario.OutgoingMessage;
import io.vigil.simulator.scenario.Scenario;
import io.vigil.simulator.scenario.Scenarios;
import io.vigil.simulator.scenario.SimulatedDevice;
import io.vigil.testing.Infrastructure;
import io.vigil.testing.TestMqttClient;
import org.junit.jupiter.api.Test;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.sql.Connection;
import java.sql.ResultSet;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.UUID;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Two detection-service replicas on one feed, splitting it through the shared subscription, raise exactly what one
 * replica would: every scenario's alerts, once per device and type, the same for every copy of a scenario, although
 * each device's messages are spread over both replicas.
 */
class TwoDetectionReplicasTest {

    private static final String DATABASE = Infrastructure.testDatabase("vigil_e2e_two_detections");
    private static final int COPIES = 4;
    private static final int MESSAGES_PER_DEVICE = 8;
    private static final Pattern FEED_COUNT = Pattern.compile("(?m)^vigil_detection_feed_latency_seconds_count\\S* (\\S+)$");

    @Test
    void twoReplicasRaiseWhatOneWould() throws Exception {
        Infrastructure infrastructure = Infrastructure.shared();
        infrastructure.recreateDatabase(DATABASE);
        String run = UUID.randomUUID().toString().substring(0, 8);
        Map<String, String> common = Map.of(
                "VIGIL_BROKER_PERSISTENT_SESSION", "false",
                "VIGIL_INGEST_SUBSCRIPTION_GROUP", "replicas-ingest-" + run,
                "VIGIL_DETECTION_SUBSCRIPTION_GROUP", "replicas-detection-" + run);
        try (ServiceUnderTest ingest = service("ingest-service", common, "replicas-ingest-" + run);
             ServiceUnderTest first = service("detection-service", common, "replicas-detection-a-" + run);
             ServiceUnderTest second = service("detection-service", common, "replicas-detection-b-" + run);
             TestMqttClient devices = TestMqttClient.connect()) {
            // One at a time: the first replica migrates the schema, the second finds it done.
            for (ServiceUnderTest service : List.of(ingest, first, second)) {
                service.start();
                service.awaitReady(Duration.ofMinutes(2));
            }

            List<Scenario> scenarios = Scenarios.suspicious();
            List<SimulatedDevice> fleet = new ArrayList<>();
            for (Scenario scenario : scenarios) {
                for (int copy = 1; copy <= COPIES; copy++) {
                    fleet.add(new SimulatedDevice(deviceId(scenario, copy), scenario, 11, Clock.systemUTC()));
                }
            }
            // Round by round, so that every device's messages interleave with the others' on both replicas.
            for (int round = 0; round < MESSAGES_PER_DEVICE; round++) {
                for (SimulatedDevice device : fleet) {
                    OutgoingMessage message = device.nextMessage(10);
                    devices.publish(message.topic(), message.body());
                }
            }

            Map<String, Set<String>> expected = new TreeMap<>();
            for (Scenario scenario : scenarios) {
                Set<String> alerts = new TreeSet<>();
                for (String finding : scenario.expectedFindings()) {
                    String[] parts = finding.trim().split("\\s+");
                    if (parts[0].equals("alert")) {
                        alerts.add(parts[1]);
                    }
                }
                for (int copy = 1; copy <= COPIES; copy++) {
                    expected.put(deviceId(scenario, copy), alerts);
                }
            }
            long deadline = System.nanoTime() + Duration.ofSeconds(90).toNanos();
            Map<String, Map<String, Long>> raised = raisedAlerts(infrastructure);
            while (!containsAll(raised, expected) && System.nanoTime() < deadline) {
                Thread.sleep(500);
                raised = raisedAlerts(infrastructure);
            }
            // Whatever is still in flight lands before the comparison, so a late duplicate cannot slip past it.
            Thread.sleep(3000);
            raised = raisedAlerts(infrastructure);

            assertThat(containsAll(raised, expected)).as("every expected alert of every device; raised: %s", raised).isTrue();
            raised.forEach((device, types) -> types.forEach((type, alerts) ->
                    assertThat(alerts).as("alerts of type %s on %s", type, device).isEqualTo(1L)));
            for (Scenario scenario : scenarios) {
                Set<String> ofFirstCopy = raised.getOrDefault(deviceId(scenario, 1), Map.of()).keySet();
                for (int copy = 2; copy <= COPIES; copy++) {
                    assertThat(raised.getOrDefault(deviceId(scenario, copy), Map.of()).keySet())
                            .as("alert types of %s against its first copy", deviceId(scenario, copy))
                            .isEqualTo(ofFirstCopy);
                }
            }
            assertThat(feedMessages(first)).as("feed messages handled by the first replica").isPositive();
            assertThat(feedMessages(second)).as("feed messages handled by the second replica").isPositive();
        }
    }

    private static ServiceUnderTest service(String name, Map<String, String> common, String clientId) throws java.io.IOException {
        Map<String, String> environment = new HashMap<>(common);
        environment.put("VIGIL_BROKER_CLIENT_ID", clientId);
        return new ServiceUnderTest(name, RunningSuite.freePort(), DATABASE, environment);
    }

    private static String deviceId(Scenario scenario, int copy) {
        return "replicas-" + scenario.name() + "-" + copy;
    }

    private static boolean containsAll(Map<String, Map<String, Long>> raised, Map<String, Set<String>> expected) {
        return expected.entrySet().stream().allMatch(device ->
                raised.getOrDefault(device.getKey(), Map.of()).keySet().containsAll(device.getValue()));
    }

    /** Device → alert type → number of distinct alerts (SystemAlertId) of that type. */
    private static Map<String, Map<String, Long>> raisedAlerts(Infrastructure infrastructure) throws Exception {
        Map<String, Map<String, Long>> raised = new TreeMap<>();
        String sql = "SELECT device_id, alert_type, count(DISTINCT system_alert_id) FROM workspace.security_alert"
                + " WHERE device_id LIKE 'replicas-%' GROUP BY 1, 2";
        try (Connection connection = infrastructure.connect(DATABASE); var statement = connection.createStatement();
             ResultSet rows = statement.executeQuery(sql)) {
            while (rows.next()) {
                raised.computeIfAbsent(rows.getString(1), d -> new TreeMap<>()).put(rows.getString(2), rows.getLong(3));
            }
        } catch (java.sql.SQLException notYetMigrated) {
            return Map.of();
        }
        return raised;
    }

    /** The replica's own count of feed batches' messages acknowledged, from its Prometheus endpoint. */
    private static double feedMessages(ServiceUnderTest replica) throws Exception {
        HttpResponse<String> metrics = HttpClient.newHttpClient().send(HttpRequest.newBuilder(
                URI.create("http://localhost:" + replica.httpPort() + "/q/metrics")).build(), HttpResponse.BodyHandlers.ofString());
        assertThat(metrics.statusCode()).isEqualTo(200);
        Matcher count = FEED_COUNT.matcher(metrics.body());
        assertThat(count.find()).as("the feed latency timer in\n%s", metrics.body()).isTrue();
        return Double.parseDouble(count.group(1));
    }
}
