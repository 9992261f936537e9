package io.vigil.detection.customalerts;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.vigil.detection.Observation;
import org.junit.jupiter.api.Test;

import java.io.InputStream;
import java.time.Duration;
import java.time.Instant;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** Reading time-window rules: the reference's whole rule set, and each mistake refused with its reason. */
class TimeWindowRuleTest {

    private static final ObjectMapper JSON = new ObjectMapper();

    @Test
    void theReferenceDefaultRuleSetIsReadAndWrittenBackInItsShape() throws Exception {
        JsonNode body;
        try (InputStream in = getClass().getResourceAsStream("/customalerts/deviceSecurityGroup_default_rules.json")) {
            body = JSON.readTree(in);
        }
        DeviceSecurityGroup group = DeviceSecurityGroup.parse("hub", "samplesecuritygroup", body);
        assertThat(group.timeWindowRules()).hasSize(16);
        assertThat(group.allowlistRules()).hasSize(3);
        TimeWindowRule connections = group.timeWindowRules().get(0);
        assertThat(connections).isEqualTo(new TimeWindowRule(TimeWindowRuleType.ACTIVE_CONNECTIONS, true, 0, 30, Duration.ofMinutes(5)));
        assertThat(group.evaluatedTimeWindowRules()).containsExactly(connections);

        ObjectNode written = group.toJson();
        JsonNode first = written.path("timeWindowRules").get(0);
        assertThat(first.path("displayName").asText()).isEqualTo("Number of active connections is not in allowed range");
        assertThat(first.path("timeWindowSize").asText()).isEqualTo("PT5M");
        // Every rule comes back with the reference's read-only texts.
        for (int i = 0; i < 16; i++) {
            JsonNode sent = body.path("properties").path("timeWindowRules").get(i);
            JsonNode back = written.path("timeWindowRules").get(i);
            assertThat(back.path("displayName")).isEqualTo(sent.path("displayName"));
            assertThat(back.path("description")).isEqualTo(sent.path("description"));
        }
        assertThat(DeviceSecurityGroup.parse("hub", "samplesecuritygroup", written)).isEqualTo(group);
    }

    @Test
    void mistakesAreRefusedWithTheirReason() {
        refused("{\"ruleType\": \"ConnectionsNotInAllowedRange\", \"isEnabled\": true, \"minThreshold\": 0, \"maxThreshold\": 1,"
                + " \"timeWindowSize\": \"PT15M\"}", "timeWindowRules[0].ruleType must be one of [ActiveConnectionsNotInAllowedRange");
        refused(rule(5, 4, "\"PT15M\""), "minThreshold (5) must not be greater than maxThreshold (4)");
        refused(rule(-1, 4, "\"PT15M\""), "timeWindowRules[0].minThreshold must not be negative");
        refused(rule(0, -4, "\"PT15M\""), "timeWindowRules[0].maxThreshold must not be negative");
        refused(rule(0, 4, "\"fifteen minutes\""), "timeWindowSize must be an ISO-8601 duration");
        refused(rule(0, 4, "\"PT1M\""), "from PT5M to P1D");
        refused(rule(0, 4, "\"P2D\""), "from PT5M to P1D");
        refused(rule(0, 4, "\"-PT15M\""), "from PT5M to P1D");
        refused(rule(0, 4, "\"PT5M0.5S\""), "whole seconds");
        refused(rule(0, 4, "900"), "timeWindowSize must be an ISO-8601 duration");
        refused("{\"ruleType\": \"FailedLocalLoginsNotInAllowedRange\", \"isEnabled\": true, \"minThreshold\": 1.5,"
                + " \"maxThreshold\": 4, \"timeWindowSize\": \"PT15M\"}", "minThreshold must be a whole number");
        refused("{\"ruleType\": \"FailedLocalLoginsNotInAllowedRange\", \"minThreshold\": 1, \"maxThreshold\": 4,"
                + " \"timeWindowSize\": \"PT15M\"}", "isEnabled must be true or false");
        refused(rule(0, 4, "\"PT15M\"") + ", " + rule(1, 2, "\"PT5M\""), "timeWindowRules[1]: the group already has a FailedLocalLoginsNotInAllowedRange rule");
        assertThatThrownBy(() -> parse("{\"timeWindowRules\": {}}")).hasMessageContaining("timeWindowRules must be an array");
        assertThatThrownBy(() -> parse("{\"thresholdRules\": [{\"ruleType\": \"X\"}]}"))
                .hasMessageContaining("thresholdRules must be empty: the reference has no rule type of that kind");
    }

    @Test
    void onlyRulesWithASourceInVigilAreEvaluated() throws Exception {
        DeviceSecurityGroup group = parse("{\"timeWindowRules\": [" + rule(0, 4, "\"PT15M\"")
                + ", {\"ruleType\": \"HttpD2CMessagesNotInAllowedRange\", \"isEnabled\": true, \"minThreshold\": 1,"
                + " \"maxThreshold\": 4, \"timeWindowSize\": \"PT15M\"},"
                + " {\"ruleType\": \"MqttD2CMessagesNotInAllowedRange\", \"isEnabled\": false, \"minThreshold\": 1,"
                + " \"maxThreshold\": 4, \"timeWindowSize\": \"PT15M\"}]}");
        assertThat(group.evaluatedTimeWindowRules()).extracting(TimeWindowRule::type).containsExactly(TimeWindowRuleType.FAILED_LOCAL_LOGINS);
        assertThat(group.timeWindowRule(TimeWindowRuleType.HTTP_D2C_MESSAGES)).isEmpty();
    }

    @Test
    void agentEventsCountForTheirRules() {
        Observation failed = observation("Login", "{\"UserName\": \"root\", \"Result\": \"Fail\"}");
        Observation succeeded = observation("Login", "{\"UserName\": \"root\", \"Result\": \"Success\"}");
        Observation connection = observation("ConnectionCreate", "{\"Direction\": \"In\"}");
        Observation aggregated = observation("ConnectionCreate", "{\"Direction\": \"Out\", \"ExtraDetails\": {\"HitCount\": \"12\"}}");
        Observation aggregatedC = observation("ConnectionCreate", "{\"Direction\": \"Out\", \"ExtraDetails\": {\"HitCount\": 7}}");
        assertThat(TimeWindowRuleType.FAILED_LOCAL_LOGINS.count(failed)).isEqualTo(1);
        assertThat(TimeWindowRuleType.FAILED_LOCAL_LOGINS.count(succeeded)).isZero();
        assertThat(TimeWindowRuleType.FAILED_LOCAL_LOGINS.count(connection)).isZero();
        assertThat(TimeWindowRuleType.ACTIVE_CONNECTIONS.count(connection)).isEqualTo(1);
        assertThat(TimeWindowRuleType.ACTIVE_CONNECTIONS.count(aggregated)).isEqualTo(12);
        assertThat(TimeWindowRuleType.ACTIVE_CONNECTIONS.count(aggregatedC)).isEqualTo(7);
        assertThat(TimeWindowRuleType.MQTT_D2C_MESSAGES.count(failed)).as("counted from messages, not events").isZero();
    }

    private static Observation observation(String name, String item) {
        try {
            return new Observation("hub", "d1", "e1", name, Instant.EPOCH, (ObjectNode) JSON.readTree(item));
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    private static String rule(long min, long max, String size) {
        return "{\"ruleType\": \"FailedLocalLoginsNotInAllowedRange\", \"isEnabled\": true, \"minThreshold\": " + min
                + ", \"maxThreshold\": " + max + ", \"timeWindowSize\": " + size + "}";
    }

    private static void refused(String rules, String reason) {
        assertThatThrownBy(() -> parse("{\"timeWindowRules\": [" + rules + "]}")).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining(reason);
    }

    private static DeviceSecurityGroup parse(String body) throws Exception {
        return DeviceSecurityGroup.parse("hub", "g1", JSON.readTree(body));
    }
}
