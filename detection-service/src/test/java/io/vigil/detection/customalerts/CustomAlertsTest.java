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
import io.vigil.contracts.twins.SecurityGroupNotice;
import io.vigil.contracts.twins.TwinFeed;
import io.vigil.testing.TestDatabase;
import io.vigil.testing.TestHub;
import io.vigil.testing.TestMqttClient;
import io.vigil.testing.TestTokens;
import io.vigil.testing.VigilTestResource;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.UUID;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;

/**
 * Over the real broker and PostgreSQL: security groups set through the REST API, memberships from twin-service's
 * notices, and the feed's events checked against the group's allow-lists. Each test uses a hub of its own, so its
 * groups (the default group above all) cannot reach the devices of other tests.
 */
@QuarkusTest
@QuarkusTestResource(VigilTestResource.class)
class CustomAlertsTest {

    private static final ObjectMapper JSON = TestHub.JSON;
    private static TestMqttClient broker;

    @BeforeAll
    static void connect() {
        broker = TestMqttClient.connect();
    }

    @AfterAll
    static void disconnect() {
        broker.close();
    }

    @Test
    void aProcessOffTheListOfTheDevicesGroupRaisesACustomAlert() throws Exception {
        String hubName = "ca-" + UUID.randomUUID().toString().substring(0, 8);
        put(hubName, "plant-3", """
                {"properties": {"allowlistRules": [{"ruleType": "ProcessNotAllowed", "isEnabled": true,
                 "allowlistValues": ["/usr/bin/collector", "/bin/sh"]}]}}""").then().statusCode(200)
                .body("allowlistRules[0].allowlistValues[1]", equalTo("/bin/sh"));
        announce(hubName, "line-1", "plant-3", 2);
        announce(hubName, "line-2", null, 3);
        // A late, older notice does not move line-1 back out of its group.
        announce(hubName, "line-1", null, 1);
        await().atMost(Duration.ofSeconds(20)).until(() -> TestDatabase.count("SELECT count(*) FROM detection.security_group_member"
                + " WHERE hub = ?", hub(hubName)) == 2);

        publish(hubName, "line-1", List.of(process("/usr/bin/collector", "collector --once"), process("/tmp/.x/miner", "/tmp/.x/miner -o pool")));
        publish(hubName, "line-2", List.of(process("/tmp/.x/miner", "/tmp/.x/miner -o pool")));
        awaitAlert(hubName, "line-1", "IoT_CA_ProcessNotAllowed");
        String evidence = (String) TestDatabase.query("SELECT extended_properties FROM workspace.security_alert WHERE resource_id = ?"
                + " AND device_id = 'line-1' AND alert_type = 'IoT_CA_ProcessNotAllowed'", hub(hubName)).get(0).get("extended_properties");
        assertThat(evidence).contains("\"Executable\":\"/tmp/.x/miner\"").contains("\"Security Group\":\"plant-3\"")
                .doesNotContain("collector");
        Thread.sleep(1000);
        assertThat(TestDatabase.count("SELECT count(*) FROM workspace.security_alert WHERE resource_id = ? AND device_id = 'line-2'"
                + " AND alert_type LIKE 'IoT_CA_%'", hub(hubName))).as("line-2 is in no group with rules").isZero();

        // line-1 deleted (its retained notice cleared) and created again: its twin versions start over and count.
        broker.publish(TwinFeed.securityGroupTopic(hubName, "line-1"), new byte[0]);
        await().atMost(Duration.ofSeconds(20)).until(() -> TestDatabase.count("SELECT count(*) FROM detection.security_group_member"
                + " WHERE hub = ? AND device_id = 'line-1'", hub(hubName)) == 0);
        announce(hubName, "line-1", "plant-9", 1);
        await().atMost(Duration.ofSeconds(20)).until(() -> TestDatabase.count("SELECT count(*) FROM detection.security_group_member"
                + " WHERE hub = ? AND device_id = 'line-1' AND security_group = 'plant-9'", hub(hubName)) == 1);
    }

    @Test
    void devicesWithoutAGroupFollowTheDefaultGroup() {
        String hubName = "ca-" + UUID.randomUUID().toString().substring(0, 8);
        put(hubName, "default", """
                {"allowlistRules": [
                  {"ruleType": "LocalUserNotAllowed", "isEnabled": true, "allowlistValues": ["operator"]},
                  {"ruleType": "ConnectionToIpNotAllowed", "isEnabled": true, "allowlistValues": ["10.0.0.0/8", "2001:db8::/32"]}]}""")
                .then().statusCode(200);
        publish(hubName, "gw-1", List.of(
                login("operator", "Success"), login("mallory", "Fail"),
                connection("10.20.30.40", "Out"), connection("2001:db8::7", "Out"), connection("198.51.100.4", "In")));
        publish(hubName, "gw-2", List.of(login("mallory", "Success"), connection("203.0.113.50", "Out")));
        awaitAlert(hubName, "gw-2", "IoT_CA_LocalUserNotAllowed");
        awaitAlert(hubName, "gw-2", "IoT_CA_ConnectionToIpNotAllowed");
        assertThat(TestDatabase.count("SELECT count(*) FROM workspace.security_alert WHERE resource_id = ? AND device_id = 'gw-1'"
                + " AND alert_type LIKE 'IoT_CA_%'", hub(hubName)))
                .as("allowed users, failed sign-ins, allowed ranges and inbound connections raise nothing").isZero();
    }

    @Test
    void invalidGroupsAreRefusedWithTheReasonAndReadersCannotWrite() {
        String hubName = "ca-" + UUID.randomUUID().toString().substring(0, 8);
        put(hubName, "g1", "{\"allowlistRules\": [{\"ruleType\": \"ProcessAllowed\", \"isEnabled\": true, \"allowlistValues\": []}]}")
                .then().statusCode(400).body("error.code", equalTo("securitygroup.invalid"))
                .body("error.message", containsString("allowlistRules[0].ruleType must be one of"));
        put(hubName, "g1", "{\"allowlistRules\": [{\"ruleType\": \"ConnectionToIpNotAllowed\", \"isEnabled\": true,"
                + " \"allowlistValues\": [\"10.0.0.0/33\"]}]}")
                .then().statusCode(400).body("error.message", containsString("allowlistValues[0]: the prefix length of 10.0.0.0/33 must be 0 to 32"));
        put(hubName, "g1", "{\"allowlistRules\": [{\"ruleType\": \"ConnectionToIpNotAllowed\", \"isEnabled\": true,"
                + " \"allowlistValues\": [\"intranet.example\"]}]}")
                .then().statusCode(400).body("error.message", containsString("not an IP address or CIDR range"));
        put(hubName, "g1", "{\"timeWindowRules\": [{\"ruleType\": \"ActiveConnectionsNotInAllowedRange\", \"isEnabled\": true}]}")
                .then().statusCode(400).body("error.message", containsString("timeWindowRules[0].minThreshold must be a whole number"));
        put(hubName, "g1", "{\"allowlistRules\": [{\"ruleType\": \"ProcessNotAllowed\", \"isEnabled\": true,"
                + " \"allowlistValues\": [" + "\"/bin/x\",".repeat(1000) + "\"/bin/y\"]}]}")
                .then().statusCode(400).body("error.message", containsString("at most 1000 strings"));
        put(hubName, "g1", "{\"allowlistRules\": [{\"ruleType\": \"ProcessNotAllowed\", \"isEnabled\": true,"
                + " \"allowlistValues\": [\"/" + "x".repeat(1024) + "\"]}]}")
                .then().statusCode(400).body("error.message", containsString("1024 characters"));
        put(hubName, "bad name", "{\"allowlistRules\": []}").then().statusCode(400);
        given().auth().oauth2(TestTokens.reader()).contentType(ContentType.JSON).body("{\"allowlistRules\": []}")
                .put(path(hubName) + "/g1").then().statusCode(403);

        put(hubName, "g1", "{\"allowlistRules\": [{\"ruleType\": \"ProcessNotAllowed\", \"isEnabled\": false, \"allowlistValues\": []}]}")
                .then().statusCode(200);
        given().auth().oauth2(TestTokens.reader()).get(path(hubName)).then().statusCode(200)
                .body("value.name", equalTo(List.of("g1"))).body("value[0].allowlistRules[0].isEnabled", equalTo(false));
        given().auth().oauth2(TestTokens.operator()).delete(path(hubName) + "/g1").then().statusCode(204);
        given().auth().oauth2(TestTokens.reader()).get(path(hubName) + "/g1").then().statusCode(404);
        assertThat(TestDatabase.count("SELECT count(*) FROM detection.security_group_change WHERE hub = ? AND name = 'g1'", hub(hubName)))
                .as("saved and deleted, audited").isEqualTo(2);
    }

    private static String hub(String hubName) {
        return TestHub.RESOURCE_ID.replace("/IotHubs/" + TestHub.NAME, "/IotHubs/" + hubName);
    }

    private static String path(String hubName) {
        return hub(hubName) + "/providers/Microsoft.Security/deviceSecurityGroups";
    }

    private static io.restassured.response.Response put(String hubName, String name, String body) {
        return given().auth().oauth2(TestTokens.operator()).contentType(ContentType.JSON).body(body)
                .put(path(hubName) + "/" + name.replace(" ", "%20"));
    }

    private static void announce(String hubName, String deviceId, String group, long twinVersion) throws Exception {
        SecurityGroupNotice notice = new SecurityGroupNotice(SecurityGroupNotice.CURRENT_VERSION, hub(hubName), deviceId, group,
                twinVersion, Instant.now());
        broker.publish(TwinFeed.securityGroupTopic(hubName, deviceId), JSON.writeValueAsBytes(notice));
    }

    private static void awaitAlert(String hubName, String device, String type) {
        await().atMost(Duration.ofSeconds(20)).until(() -> TestDatabase.count("SELECT count(*) FROM workspace.security_alert"
                + " WHERE resource_id = ? AND device_id = ? AND alert_type = ?", hub(hubName), device, type) > 0);
    }

    private static void publish(String hubName, String device, List<FeedEvent> events) {
        FeedMessage message = new FeedMessage(hub(hubName), device, null, "agent", "1.0", Instant.now(), events);
        try {
            broker.publish(EventFeed.topic(hubName), JSON.writeValueAsBytes(FeedBatch.of(message)));
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    private static FeedEvent process(String executable, String commandLine) {
        return event("ProcessCreate", JSON.createObjectNode().put("Executable", executable).put("CommandLine", commandLine)
                .put("ProcessId", 4100).put("ParentProcessId", 1).put("UserId", "1000"));
    }

    private static FeedEvent login(String user, String result) {
        return event("Login", JSON.createObjectNode().put("ProcessId", 900).put("UserName", user).put("Operation", "Login")
                .put("Executable", "/bin/login").put("RemoteAddress", "").put("Result", result));
    }

    private static FeedEvent connection(String remoteAddress, String direction) {
        return event("ConnectionCreate", JSON.createObjectNode().put("Executable", "/usr/bin/curl").put("CommandLine", "curl")
                .put("ProcessId", 500).put("UserId", "0").put("RemoteAddress", remoteAddress).put("RemotePort", "443")
                .put("LocalAddress", "10.1.1.2").put("LocalPort", "40000").put("Protocol", "tcp").put("Direction", direction));
    }

    private static FeedEvent event(String name, ObjectNode item) {
        Instant at = Instant.now().minusSeconds(5);
        return new FeedEvent(UUID.randomUUID().toString(), name, "Triggered", "Security", false, at, at.toString(), List.of(item));
    }
}
