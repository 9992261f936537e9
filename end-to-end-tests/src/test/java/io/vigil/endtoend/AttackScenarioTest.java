package io.vigil.endtoend;

import io.vigil.simulator.scenario.OutgoingMessage;
import io.vigil.simulator.scenario.Scenario;
import io.vigil.simulator.scenario.Scenarios;
import io.vigil.simulator.scenario.SimulatedDevice;
import io.vigil.simulator.scenario.SshBruteforceScenario;
import com.fasterxml.jackson.databind.JsonNode;
import io.vigil.testing.Infrastructure;
import io.vigil.testing.TestHub;
import io.vigil.testing.TestMqttClient;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;

import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The whole suite as users run it: simulated agents play every attack scenario over MQTT, and each scenario's
 * expected alerts and recommendations appear in SecurityAlert and SecurityRecommendation, and as tags on the
 * device's security module twin.
 */
class AttackScenarioTest {

    private static final String DATABASE = Infrastructure.testDatabase("vigil_e2e_attacks");

    @Test
    void everyScenarioRaisesWhatItShould() throws Exception {
        Infrastructure machine = Infrastructure.shared();
        Assumptions.assumeTrue(machine.mode().equals("machine"), "needs a PostgreSQL and broker on this machine");
        machine.recreateDatabase(DATABASE);
        int base = RunningSuite.freePortRange();
        try (RunningSuite suite = RunningSuite.start(base,
                "--database-url", "postgresql://" + machine.dbUser() + "@" + machine.dbHost() + ":" + machine.dbPort() + "/" + DATABASE,
                "--broker-url", "mqtt://" + machine.brokerHost() + ":" + machine.brokerPort());
             TestMqttClient devices = TestMqttClient.connect()) {
            suite.awaitUp(Duration.ofMinutes(4));
            List<Scenario> scenarios = Scenarios.suspicious();
            for (Scenario scenario : scenarios) {
                SimulatedDevice device = new SimulatedDevice("e2e-" + scenario.name(), scenario, 11, Clock.systemUTC());
                for (int i = 0; i < 8; i++) {
                    OutgoingMessage message = device.nextMessage(10);
                    devices.publish(message.topic(), message.body());
                }
            }
            List<String> missing = new ArrayList<>();
            long deadline = System.nanoTime() + Duration.ofSeconds(60).toNanos();
            do {
                missing.clear();
                for (Scenario scenario : scenarios) {
                    for (String finding : scenario.expectedFindings()) {
                        // "later: ..." findings need the device's next snapshot, which these few messages do not reach.
                        if (finding.startsWith("later:")) {
                            continue;
                        }
                        if (!found(machine, "e2e-" + scenario.name(), finding)) {
                            missing.add(scenario.name() + ": " + finding);
                        }
                    }
                }
                Thread.sleep(500);
            } while (!missing.isEmpty() && System.nanoTime() < deadline);
            assertThat(missing).as("expected findings not raised").isEmpty();

            var twin = suite.get("twin-service", "/twins/e2e-ssh-bruteforce/modules/Microsoft.Security", suite.adminToken());
            assertThat(twin.statusCode()).isEqualTo(200);
            assertThat(twin.body()).contains("\"IoT_Bruteforce_Success\"").contains("\"lastDetectionUtc\"");
            var ports = suite.get("twin-service", "/twins/e2e-open-ports/modules/Microsoft.Security", suite.adminToken());
            assertThat(ports.body()).contains("\"IoT_OpenPorts\"").contains("Endpoints");

            seedQueriesAnswerOverWhatTheSuiteStored(suite);
        }
    }

    /**
     * The reference's queries through query-service over the rows ingest and detection wrote: the brute-force device
     * shows the attack the scenario played (ten failed ssh logins, one per guessed user, from one internet address,
     * then a success) in its investigation, and its alert in the device summary.
     */
    private static void seedQueriesAnswerOverWhatTheSuiteStored(RunningSuite suite) throws Exception {
        JsonNode investigation = json(suite.get("query-service",
                "/v1/workspaces/e2e/devices/e2e-ssh-bruteforce/investigation?hub=vigil-hub&timespan=P1D", suite.adminToken()));
        JsonNode logins = table(investigation, "investigation-user-logins");
        // Columns: UserName, Result, LoginHandler, CntLoginAttempts, MinObservedTime, MaxObservedTime, CntIPAddress, IPAddress.
        for (String guessed : SshBruteforceScenario.GUESSED_USERS) {
            assertThat(logins).as("failed login of %s", guessed).anySatisfy(row -> {
                assertThat(row.get(0).asText()).isEqualTo(guessed);
                assertThat(row.get(1).asText()).isEqualTo("Fail");
                assertThat(row.get(2).asText()).isEqualTo("/usr/sbin/sshd");
                assertThat(row.get(7).asText()).contains("\"203.0.113.");
            });
        }
        assertThat(logins).as("the attacker's success").anySatisfy(row -> {
            assertThat(row.get(1).asText()).isEqualTo("Success");
            assertThat(row.get(7).asText()).contains("\"203.0.113.");
        });
        JsonNode users = table(investigation, "investigation-users-with-access");
        assertThat(users).as("users with access").isNotEmpty();
        JsonNode processes = table(investigation, "investigation-process-list");
        assertThat(processes).as("process list").isNotEmpty();

        String deviceSummary = """
                SecurityAlert
                | where TimeGenerated > ago(7d)
                | summarize Cnt=dcount(SystemAlertId) by
                    IoTHubId=ResourceId,
                    DeviceId=tostring(parse_json(ExtendedProperties)["DeviceId"]),
                    AlertSeverity,
                    DisplayName
                """;
        JsonNode summary = json(suite.get("query-service", "/v1/workspaces/e2e/query?query="
                + URLEncoder.encode(deviceSummary, StandardCharsets.UTF_8), suite.adminToken()));
        JsonNode rows = summary.path("tables").path(0).path("rows");
        assertThat(rows).as("device summary of the brute-force device").anySatisfy(row -> {
            assertThat(row.get(0).asText()).endsWith("/IotHubs/vigil-hub");
            assertThat(row.get(1).asText()).isEqualTo("e2e-ssh-bruteforce");
            assertThat(row.get(2).asText()).isEqualTo("High");
            assertThat(row.get(4).asLong()).isEqualTo(1);
        });
    }

    private static JsonNode json(java.net.http.HttpResponse<String> response) throws Exception {
        assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
        return TestHub.JSON.readTree(response.body());
    }

    private static JsonNode table(JsonNode response, String name) {
        for (JsonNode table : response.path("tables")) {
            if (table.path("name").asText().equals(name)) {
                return table.path("rows");
            }
        }
        throw new AssertionError("no table " + name + " in " + response);
    }

    /** A finding reads "alert IoT_X" or "recommendation IoT_Y". */
    private static boolean found(Infrastructure machine, String deviceId, String finding) throws Exception {
        String[] parts = finding.trim().split("\\s+");
        String sql = parts[0].equals("alert")
                ? "SELECT 1 FROM workspace.security_alert WHERE device_id = ? AND alert_type = ?"
                : "SELECT 1 FROM workspace.security_recommendation WHERE device_id = ? AND recommendation_name = ?"
                + " AND recommendation_state = 'Active'";
        try (Connection connection = machine.connect(DATABASE); PreparedStatement statement = connection.prepareStatement(sql)) {
            statement.setString(1, deviceId);
            statement.setString(2, parts[1]);
            try (ResultSet rows = statement.executeQuery()) {
                return rows.next();
            }
        } catch (java.sql.SQLException notYet) {
            return false;
        }
    }
}
