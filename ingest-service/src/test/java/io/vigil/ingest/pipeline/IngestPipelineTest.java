package io.vigil.ingest.pipeline;

import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.vigil.testing.TestDatabase;
import io.vigil.testing.TestMqttClient;
import io.vigil.testing.VigilTestResource;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.List;
import java.util.Map;

import static io.vigil.ingest.AgentMessages.badListeningPorts;
import static io.vigil.ingest.AgentMessages.emptyLocalUsers;
import static io.vigil.ingest.AgentMessages.envelope;
import static io.vigil.ingest.AgentMessages.listeningPorts;
import static io.vigil.ingest.AgentMessages.login;
import static io.vigil.ingest.AgentMessages.topic;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/** Over the real broker and PostgreSQL: what a device publishes ends up as rows, rejects and feed messages. */
@QuarkusTest
@QuarkusTestResource(VigilTestResource.class)
class IngestPipelineTest {

    private static final Duration PATIENCE = Duration.ofSeconds(20);
    private static TestMqttClient device;
    private static TestMqttClient detection;

    @BeforeAll
    static void connect() {
        device = TestMqttClient.connect();
        detection = TestMqttClient.connect();
        detection.subscribe("vigil/v2/events/#");
    }

    @AfterAll
    static void disconnect() {
        device.close();
        detection.close();
    }

    @Test
    void everyPayloadItemBecomesARowAndTheMessageGoesToTheFeed() {
        device.publish(topic("pipe-rows"), envelope(listeningPorts("22", "80"), emptyLocalUsers()));

        await().atMost(PATIENCE).until(() -> rows("pipe-rows") == 3);
        List<Map<String, Object>> ports = TestDatabase.query("SELECT event_details, associated_resource_id, raw_event_category,"
                + " is_empty FROM workspace.security_iot_raw_event WHERE device_id = ? AND raw_event_name = 'ListeningPorts'"
                + " ORDER BY payload_index", "pipe-rows");
        assertThat(ports).hasSize(2);
        assertThat((String) ports.get(0).get("event_details")).contains("\"LocalPort\":\"22\"").contains("\"TimestampLocal\":")
                .contains("\"DeviceId\":\"pipe-rows\"");
        assertThat((String) ports.get(1).get("event_details")).contains("\"LocalPort\":\"80\"");
        assertThat(ports.get(0).get("associated_resource_id")).asString().endsWith("/IotHubs/vigil-hub");
        assertThat(TestDatabase.query("SELECT is_empty FROM workspace.security_iot_raw_event WHERE device_id = ?"
                + " AND raw_event_name = 'LocalUsers'", "pipe-rows")).singleElement()
                .satisfies(row -> assertThat(row.get("is_empty")).isEqualTo(true));

        await().atMost(PATIENCE).until(() -> detection.received().stream()
                .anyMatch(m -> m.topic().equals("vigil/v2/events/vigil-hub") && m.text().contains("\"deviceId\":\"pipe-rows\"")));
        String feed = detection.received().stream().filter(m -> m.text().contains("\"deviceId\":\"pipe-rows\"")).findFirst().orElseThrow().text();
        assertThat(feed).startsWith("{\"version\":2,\"messages\":[").contains("\"name\":\"ListeningPorts\"")
                .contains("\"name\":\"LocalUsers\"");
    }

    @Test
    void aDuplicatedMessageIsStoredOnce() {
        String message = envelope(login("Fail", "10.1.1.1"), login("Success", "10.1.1.1"));
        device.publish(topic("pipe-dup"), message);
        device.publish(topic("pipe-dup"), message);

        await().atMost(PATIENCE).until(() -> TestDatabase.count(
                "SELECT coalesce(sum(messages), 0) FROM ingest.device_activity WHERE device_id = ?", "pipe-dup") == 2);
        assertThat(rows("pipe-dup")).isEqualTo(2);
    }

    @Test
    void garbageIsKeptWithItsReasonAndValidTrafficRightAfterStillLands() {
        byte[] garbage = "{\"AgentVersion\": oops".getBytes();
        device.publish(topic("pipe-garbage"), garbage);
        device.publish(topic("pipe-garbage"), envelope(listeningPorts("443")));

        await().atMost(PATIENCE).until(() -> rows("pipe-garbage") == 1);
        await().atMost(PATIENCE).until(() -> TestDatabase.count(
                "SELECT count(*) FROM ingest.rejected_message WHERE device_id = ?", "pipe-garbage") == 1);
        Map<String, Object> reject = TestDatabase.query("SELECT rule, reason, body, event_index, topic FROM ingest.rejected_message"
                + " WHERE device_id = ?", "pipe-garbage").get(0);
        assertThat(reject.get("rule")).isEqualTo("json.syntax");
        assertThat((String) reject.get("reason")).containsIgnoringCase("line");
        assertThat((byte[]) reject.get("body")).isEqualTo(garbage);
        assertThat(reject.get("event_index")).isEqualTo(-1);
        assertThat(reject.get("topic")).isEqualTo(topic("pipe-garbage"));
    }

    @Test
    void oneBadEventIsRejectedAloneAndItsNeighboursAreStored() {
        device.publish(topic("pipe-partial"), envelope(listeningPorts("22"), badListeningPorts(), login("Fail", "10.2.2.2")));

        await().atMost(PATIENCE).until(() -> rows("pipe-partial") == 2);
        await().atMost(PATIENCE).until(() -> TestDatabase.count(
                "SELECT count(*) FROM ingest.rejected_message WHERE device_id = ?", "pipe-partial") == 1);
        Map<String, Object> reject = TestDatabase.query("SELECT rule, path, event_index FROM ingest.rejected_message"
                + " WHERE device_id = ?", "pipe-partial").get(0);
        assertThat(reject.get("event_index")).isEqualTo(1);
        assertThat(reject.get("rule")).isEqualTo("type");
        assertThat((String) reject.get("path")).isEqualTo("$.Events[1].Payload[0].LocalPort");
    }

    @Test
    void otherTelemetryIsSkippedWithoutARowOrAReject() {
        device.publish("devices/pipe-other/messages/events/", "{\"temperature\": 21.5}");
        device.publish(topic("pipe-other"), envelope(listeningPorts("8080")));

        await().atMost(PATIENCE).until(() -> rows("pipe-other") == 1);
        assertThat(TestDatabase.count("SELECT count(*) FROM ingest.rejected_message WHERE device_id = ?", "pipe-other")).isZero();
        assertThat(TestDatabase.count("SELECT coalesce(sum(messages), 0) FROM ingest.device_activity WHERE device_id = ?",
                "pipe-other")).isEqualTo(1);
    }

    @Test
    void aModuleMessageCarriesTheDeviceFromTheTopicNotTheBody() {
        device.publish("devices/pipe-module/modules/azureiotsecurity/messages/events/%24.ifid=urn%3Aazureiot%3ASecurity%3ASecurityAgent%3A1",
                envelope(listeningPorts("21")));

        await().atMost(PATIENCE).until(() -> rows("pipe-module") == 1);
        assertThat(TestDatabase.query("SELECT module_id FROM workspace.security_iot_raw_event WHERE device_id = ?", "pipe-module"))
                .singleElement().satisfies(row -> assertThat(row.get("module_id")).isEqualTo("azureiotsecurity"));
    }

    private static long rows(String deviceId) {
        return TestDatabase.count("SELECT count(*) FROM workspace.security_iot_raw_event WHERE device_id = ?", deviceId);
    }
}
