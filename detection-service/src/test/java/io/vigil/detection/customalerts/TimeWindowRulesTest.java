package io.vigil.detection.customalerts;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.vigil.contracts.feed.EventFeed;
import io.vigil.contracts.feed.FeedBatch;
import io.vigil.contracts.feed.FeedEvent;
import io.vigil.contracts.feed.FeedMessage;
import io.vigil.contracts.hubevents.HubEventFeed;
import io.vigil.contracts.hubevents.HubEventNotice;
import io.vigil.contracts.twins.SecurityGroupNotice;
import io.vigil.contracts.twins.TwinFeed;
import io.vigil.testing.TestDatabase;
import io.vigil.testing.TestHub;
import io.vigil.testing.TestMqttClient;
import io.vigil.testing.TestTokens;
import io.vigil.testing.VigilTestResource;
import jakarta.inject.Inject;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasSize;

/**
 * Time-window rules over the real broker and PostgreSQL: counts per device and window from the feed and the hub
 * events, "above the maximum" as soon as a window passes it, "below the minimum" from the scan once a window has
 * closed. Each test uses a hub of its own, and windows an hour or more ahead, so that no window boundary falls in the
 * middle of a test and the scheduled scan (which checks only windows closed by now) leaves them alone.
 */
@QuarkusTest
@QuarkusTestResource(VigilTestResource.class)
class TimeWindowRulesTest {

    private static final ObjectMapper JSON = TestHub.JSON;
    private static final String FAILED_LOGINS = "IoT_CA_FailedLocalLoginsNotInAllowedRange";
    private static TestMqttClient broker;

    @Inject
    TimeWindowScan scan;

    @BeforeAll
    static void connect() {
        broker = TestMqttClient.connect();
    }

    @AfterAll
    static void disconnect() {
        broker.close();
    }

    @Test
    void aboveTheMaximumIsRaisedOncePerWindowAndNotAtTheMaximumOrAcrossTwoWindows() throws Exception {
        String hubName = hubName();
        put(hubName, "default", "{\"timeWindowRules\": [" + rule("FailedLocalLoginsNotInAllowedRange", 0, 3, "PT15M") + "]}")
                .then().statusCode(200);
        put(hubName, "lab", "{\"timeWindowRules\": []}").then().statusCode(200);
        announce(hubName, "outsider", "lab", 1);
        await().atMost(Duration.ofSeconds(20)).until(() -> TestDatabase.count("SELECT count(*) FROM detection.security_group_member"
                + " WHERE hub = ?", hub(hubName)) == 1);
        ActivityWindow window = ActivityWindow.of(Instant.now().plus(Duration.ofHours(2)), Duration.ofMinutes(15));
        Instant in = window.start().plusSeconds(60);

        publish(hubName, "at-max", failures(3, in));
        publish(hubName, "two-windows", failures(2, window.start().minusSeconds(30)));
        publish(hubName, "two-windows", failures(2, window.start().plusSeconds(30)));
        publish(hubName, "outsider", failures(6, in));
        FeedMessage once = message(hubName, "redelivered", failures(3, in));
        publish(once);
        publish(once);
        publish(hubName, "above", failures(3, in));
        awaitCount(hubName, "at-max", window, 3);
        awaitCount(hubName, "two-windows", window, 2);
        awaitCount(hubName, "above", window, 3);

        publish(hubName, "above", failures(1, in.plusSeconds(60)));
        awaitAlert(hubName, "above", FAILED_LOGINS);
        String evidence = (String) TestDatabase.query("SELECT extended_properties FROM workspace.security_alert WHERE resource_id = ?"
                + " AND device_id = 'above' AND alert_type = ?", hub(hubName), FAILED_LOGINS).get(0).get("extended_properties");
        assertThat(evidence).contains("\"Count\":\"4\"", "\"Minimum Threshold\":\"0\"", "\"Maximum Threshold\":\"3\"",
                "\"Window Start\":\"" + window.start() + "\"", "\"Window End\":\"" + window.end() + "\"",
                "\"Rule Type\":\"FailedLocalLoginsNotInAllowedRange\"", "\"Security Group\":\"default\"", "\"DeviceId\":\"above\"");
        assertThat(TestDatabase.query("SELECT alert_severity, display_name FROM workspace.security_alert WHERE resource_id = ?"
                + " AND device_id = 'above' AND alert_type = ?", hub(hubName), FAILED_LOGINS).get(0))
                .containsEntry("alert_severity", "Low")
                .containsEntry("display_name", "Custom alert - The number of failed local logins is outside the allowed range");

        // More in the same window: the window has had its alert.
        publish(hubName, "above", failures(2, in.plusSeconds(120)));
        awaitCount(hubName, "above", window, 6);
        Thread.sleep(1000);
        assertThat(alerts(hubName, "above", FAILED_LOGINS)).as("one alert record per window").isEqualTo(1);
        assertThat(TestDatabase.count("SELECT count(*) FROM detection.alert_state WHERE hub = ? AND device_id = 'above'"
                + " AND alert_type = ?", hub(hubName), FAILED_LOGINS)).isEqualTo(1);
        assertThat(count(hubName, "redelivered", window)).as("a redelivered feed message counts once").isEqualTo(3);
        assertThat(TestDatabase.count("SELECT count(*) FROM detection.activity_window WHERE hub = ? AND device_id = 'outsider'",
                hub(hubName))).as("a device whose group has no such rule is not counted").isZero();
        assertThat(TestDatabase.count("SELECT count(*) FROM workspace.security_alert WHERE resource_id = ? AND alert_type = ?",
                hub(hubName), FAILED_LOGINS)).as("only 'above' passed the maximum in one window").isEqualTo(1);
    }

    @Test
    void belowTheMinimumIsRaisedOnceAtTheWindowsEndForTheGroupsDevicesEvenWithoutEvents() throws Exception {
        String hubName = hubName();
        put(hubName, "plant", "{\"timeWindowRules\": [" + rule("ActiveConnectionsNotInAllowedRange", 2, 100, "PT5M") + "]}")
                .then().statusCode(200);
        for (String device : List.of("few", "none", "enough")) {
            announce(hubName, device, "plant", 1);
        }
        announce(hubName, "elsewhere", "office", 1);
        await().atMost(Duration.ofSeconds(20)).until(() -> TestDatabase.count("SELECT count(*) FROM detection.security_group_member"
                + " WHERE hub = ?", hub(hubName)) == 4);
        ActivityWindow window = ActivityWindow.of(Instant.now().plus(Duration.ofHours(1)), Duration.ofMinutes(5));
        // Every device is heard from early in the window (so not in the windows before it); "none" and "elsewhere"
        // create no connection in it.
        for (String device : List.of("few", "none", "enough", "elsewhere")) {
            publish(hubName, device, List.of(event("Login", window.start().plusSeconds(5),
                    JSON.createObjectNode().put("UserName", "op").put("Result", "Success"))));
        }
        await().atMost(Duration.ofSeconds(20)).until(() -> TestDatabase.count("SELECT count(*) FROM detection.device WHERE hub = ?",
                hub(hubName)) == 4);
        publish(hubName, "few", List.of(connection(window.start().plusSeconds(10))));
        publish(hubName, "enough", List.of(connection(window.start().plusSeconds(10)), connection(window.start().plusSeconds(20)),
                connection(window.start().plusSeconds(30))));
        awaitCount(hubName, "few", window, 1, "ActiveConnectionsNotInAllowedRange");
        awaitCount(hubName, "enough", window, 3, "ActiveConnectionsNotInAllowedRange");

        assertThat(run(window.end().plusSeconds(59))).as("within the grace minute the window is not final").isZero();
        // Two replicas scanning at once: one claims the window, the other finds it claimed.
        Instant closed = window.end().plusSeconds(61);
        CompletableFuture<Integer> first = scan.scan(closed).toCompletionStage().toCompletableFuture();
        CompletableFuture<Integer> second = scan.scan(closed).toCompletionStage().toCompletableFuture();
        int raised = first.get(30, TimeUnit.SECONDS) + second.get(30, TimeUnit.SECONDS);
        assertThat(run(closed.plusSeconds(60))).as("a window is checked once").isZero();

        String type = "IoT_CA_ActiveConnectionsNotInAllowedRange";
        assertThat(alerts(hubName, "few", type)).isEqualTo(1);
        assertThat(alerts(hubName, "none", type)).isEqualTo(1);
        assertThat(alerts(hubName, "enough", type)).isZero();
        assertThat(alerts(hubName, "elsewhere", type)).as("not in the group").isZero();
        assertThat(raised).isEqualTo(2);
        String none = (String) TestDatabase.query("SELECT extended_properties FROM workspace.security_alert WHERE resource_id = ?"
                + " AND device_id = 'none' AND alert_type = ?", hub(hubName), type).get(0).get("extended_properties");
        assertThat(none).contains("\"Count\":\"0\"", "\"Minimum Threshold\":\"2\"", "\"Security Group\":\"plant\"");
        assertThat(TestDatabase.count("SELECT count(*) FROM detection.activity_window_scan WHERE hub = ? AND window_start = ?::timestamptz",
                hub(hubName), window.start().toString())).isEqualTo(1);
    }

    @Test
    void deviceToCloudMessagesRefusedLoginsAndTwinUpdatesAreCountedFromTheHub() throws Exception {
        String hubName = hubName();
        put(hubName, "default", "{\"timeWindowRules\": [" + rule("MqttD2CMessagesNotInAllowedRange", 0, 2, "PT15M") + ", "
                + rule("UnauthorizedOperationsNotInAllowedRange", 0, 3, "PT15M") + ", "
                + rule("TwinUpdatesNotInAllowedRange", 0, 2, "PT15M") + "]}").then().statusCode(200);
        ActivityWindow window = ActivityWindow.of(Instant.now().plus(Duration.ofHours(3)), Duration.ofMinutes(15));
        Instant in = window.start().plusSeconds(60);
        for (int i = 0; i < 2; i++) {
            publish(message(hubName, "chatty", List.of(event("Login", in, JSON.createObjectNode().put("Result", "Success"))), in));
        }
        awaitCount(hubName, "chatty", window, 2, "MqttD2CMessagesNotInAllowedRange");
        Thread.sleep(500);
        assertThat(alerts(hubName, "chatty", "IoT_CA_MqttD2CMessagesNotInAllowedRange")).as("two messages is the maximum").isZero();
        publish(message(hubName, "chatty", List.of(event("Login", in, JSON.createObjectNode().put("Result", "Success"))), in));
        awaitAlert(hubName, "chatty", "IoT_CA_MqttD2CMessagesNotInAllowedRange");

        HubEventNotice refused = new HubEventNotice(HubEventNotice.CURRENT_VERSION, UUID.randomUUID().toString(), hub(hubName), "locked-out",
                "", HubEventNotice.AUTHENTICATION_FAILED, "invalid-signature", "198.51.100.7", 4, in, in.plusSeconds(30), null, null);
        broker.publish(HubEventFeed.topic(hubName, "locked-out"), JSON.writeValueAsBytes(refused));
        broker.publish(HubEventFeed.topic(hubName, "locked-out"), JSON.writeValueAsBytes(refused));
        awaitAlert(hubName, "locked-out", "IoT_CA_UnauthorizedOperationsNotInAllowedRange");
        Thread.sleep(500);
        assertThat(count(hubName, "locked-out", window, "UnauthorizedOperationsNotInAllowedRange")).as("the redelivery counts nothing").isEqualTo(4);

        // twin-service folds a device's twin updates into one notice per interval.
        for (int updates : List.of(2, 1)) {
            HubEventNotice twin = new HubEventNotice(HubEventNotice.CURRENT_VERSION, UUID.randomUUID().toString(), hub(hubName), "patcher",
                    "", HubEventNotice.TWIN_UPDATED, null, null, updates, in, in.plusSeconds(updates), null, null);
            broker.publish(HubEventFeed.topic(hubName, "patcher"), JSON.writeValueAsBytes(twin));
            awaitCount(hubName, "patcher", window, updates == 2 ? 2 : 3, "TwinUpdatesNotInAllowedRange");
            if (updates == 2) {
                Thread.sleep(500);
                assertThat(alerts(hubName, "patcher", "IoT_CA_TwinUpdatesNotInAllowedRange")).isZero();
            }
        }
        awaitAlert(hubName, "patcher", "IoT_CA_TwinUpdatesNotInAllowedRange");
    }

    @Test
    void theReferenceDefaultRuleSetIsAcceptedVerbatimAndInvalidRulesAreRefusedWithTheReason() throws Exception {
        String hubName = hubName();
        String body;
        try (InputStream in = getClass().getResourceAsStream("/customalerts/deviceSecurityGroup_default_rules.json")) {
            body = new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
        put(hubName, "samplesecuritygroup", body).then().statusCode(200).body("timeWindowRules", hasSize(16));
        given().auth().oauth2(TestTokens.reader()).get(path(hubName) + "/samplesecuritygroup").then().statusCode(200)
                .body("timeWindowRules[0].ruleType", equalTo("ActiveConnectionsNotInAllowedRange"))
                .body("timeWindowRules[0].displayName", equalTo("Number of active connections is not in allowed range"))
                .body("timeWindowRules[0].maxThreshold", equalTo(30)).body("timeWindowRules[0].timeWindowSize", equalTo("PT5M"))
                .body("timeWindowRules[15].ruleType", equalTo("UnauthorizedOperationsNotInAllowedRange"))
                .body("allowlistRules", hasSize(3)).body("thresholdRules", hasSize(0)).body("denylistRules", hasSize(0));

        Map<String, String> refused = Map.of(
                rule("NoSuchRule", 0, 1, "PT15M"), "timeWindowRules[0].ruleType must be one of",
                rule("FailedLocalLoginsNotInAllowedRange", 3, 1, "PT15M"), "minThreshold (3) must not be greater than maxThreshold (1)",
                rule("FailedLocalLoginsNotInAllowedRange", -1, 1, "PT15M"), "minThreshold must not be negative",
                rule("FailedLocalLoginsNotInAllowedRange", 0, 1, "15m"), "timeWindowSize must be an ISO-8601 duration",
                rule("FailedLocalLoginsNotInAllowedRange", 0, 1, "PT1M"), "from PT5M to P1D",
                rule("FailedLocalLoginsNotInAllowedRange", 0, 1, "P7D"), "from PT5M to P1D",
                rule("FailedLocalLoginsNotInAllowedRange", 0, 1, "PT15M") + ", " + rule("FailedLocalLoginsNotInAllowedRange", 0, 2, "PT5M"),
                "the group already has a FailedLocalLoginsNotInAllowedRange rule");
        for (Map.Entry<String, String> bad : refused.entrySet()) {
            put(hubName, "g1", "{\"timeWindowRules\": [" + bad.getKey() + "]}").then().statusCode(400)
                    .body("error.code", equalTo("securitygroup.invalid")).body("error.message", containsString(bad.getValue()));
        }
        put(hubName, "g1", "{\"denylistRules\": [{\"ruleType\": \"ProcessNotAllowed\"}]}").then().statusCode(400)
                .body("error.message", containsString("denylistRules must be empty"));
        given().auth().oauth2(TestTokens.reader()).get(path(hubName) + "/g1").then().statusCode(404);
    }

    private int run(Instant now) throws Exception {
        return scan.scan(now).toCompletionStage().toCompletableFuture().get(30, TimeUnit.SECONDS);
    }

    private static String hubName() {
        return "tw-" + UUID.randomUUID().toString().substring(0, 8);
    }

    private static String rule(String type, long min, long max, String size) {
        return "{\"ruleType\": \"" + type + "\", \"isEnabled\": true, \"minThreshold\": " + min + ", \"maxThreshold\": " + max
                + ", \"timeWindowSize\": \"" + size + "\"}";
    }

    private static String hub(String hubName) {
        return TestHub.RESOURCE_ID.replace("/IotHubs/" + TestHub.NAME, "/IotHubs/" + hubName);
    }

    private static String path(String hubName) {
        return hub(hubName) + "/providers/Microsoft.Security/deviceSecurityGroups";
    }

    private static io.restassured.response.Response put(String hubName, String name, String body) {
        return given().auth().oauth2(TestTokens.operator()).contentType(ContentType.JSON).body(body).put(path(hubName) + "/" + name);
    }

    private static void announce(String hubName, String deviceId, String group, long twinVersion) throws Exception {
        SecurityGroupNotice notice = new SecurityGroupNotice(SecurityGroupNotice.CURRENT_VERSION, hub(hubName), deviceId, group,
                twinVersion, Instant.now());
        broker.publish(TwinFeed.securityGroupTopic(hubName, deviceId), JSON.writeValueAsBytes(notice));
    }

    private static long count(String hubName, String device, ActivityWindow window) {
        return count(hubName, device, window, "FailedLocalLoginsNotInAllowedRange");
    }

    private static long count(String hubName, String device, ActivityWindow window, String ruleType) {
        List<Map<String, Object>> rows = TestDatabase.query("SELECT count FROM detection.activity_window WHERE hub = ? AND device_id = ?"
                + " AND rule_type = ? AND window_start = ?::timestamptz", hub(hubName), device, ruleType, window.start().toString());
        return rows.isEmpty() ? 0 : ((Number) rows.get(0).get("count")).longValue();
    }

    private static void awaitCount(String hubName, String device, ActivityWindow window, long expected) {
        awaitCount(hubName, device, window, expected, "FailedLocalLoginsNotInAllowedRange");
    }

    private static void awaitCount(String hubName, String device, ActivityWindow window, long expected, String ruleType) {
        await().atMost(Duration.ofSeconds(20)).until(() -> count(hubName, device, window, ruleType) == expected);
    }

    private static long alerts(String hubName, String device, String type) {
        return TestDatabase.count("SELECT count(*) FROM workspace.security_alert WHERE resource_id = ? AND device_id = ? AND alert_type = ?",
                hub(hubName), device, type);
    }

    private static void awaitAlert(String hubName, String device, String type) {
        await().atMost(Duration.ofSeconds(20)).until(() -> alerts(hubName, device, type) > 0);
    }

    private static FeedMessage message(String hubName, String device, List<FeedEvent> events) {
        return message(hubName, device, events, Instant.now());
    }

    private static FeedMessage message(String hubName, String device, List<FeedEvent> events, Instant receivedAt) {
        return new FeedMessage(hub(hubName), device, null, "agent", "1.0", receivedAt, events);
    }

    private static void publish(String hubName, String device, List<FeedEvent> events) {
        publish(message(hubName, device, events));
    }

    private static void publish(FeedMessage message) {
        try {
            broker.publish(EventFeed.topic(message.hub().substring(message.hub().lastIndexOf('/') + 1)),
                    JSON.writeValueAsBytes(FeedBatch.of(message)));
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    private static List<FeedEvent> failures(int count, Instant at) {
        List<FeedEvent> events = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            events.add(event("Login", at.plusSeconds(i), JSON.createObjectNode().put("ProcessId", 900).put("UserName", "root")
                    .put("Operation", "Login").put("Executable", "/usr/sbin/sshd").put("RemoteAddress", "203.0.113.9").put("Result", "Fail")));
        }
        return events;
    }

    private static FeedEvent connection(Instant at) {
        return event("ConnectionCreate", at, JSON.createObjectNode().put("Executable", "/usr/bin/curl").put("CommandLine", "curl")
                .put("ProcessId", 500).put("UserId", "0").put("RemoteAddress", "10.0.0.9").put("RemotePort", "443")
                .put("LocalAddress", "10.1.1.2").put("LocalPort", "40000").put("Protocol", "tcp").put("Direction", "Out"));
    }

    private static FeedEvent event(String name, Instant at, ObjectNode item) {
        return new FeedEvent(UUID.randomUUID().toString(), name, "Triggered", "Security", false, at, at.toString(), List.of(item));
    }
}
