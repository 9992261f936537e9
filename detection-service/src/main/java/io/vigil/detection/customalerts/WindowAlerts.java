package io.vigil.detection.customalerts;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.vigil.detection.AlertHit;

import java.time.Instant;
import java.util.List;

/** The alert of a time-window rule whose window count is outside its range, with the count and the range as evidence. */
final class WindowAlerts {

    private WindowAlerts() {
    }

    static AlertHit hit(String hub, String deviceId, String group, TimeWindowRule rule, ActivityWindow window, long count, Instant at) {
        TimeWindowRuleType type = rule.type();
        ObjectNode evidence = JsonNodeFactory.instance.objectNode();
        evidence.put("Count", String.valueOf(count));
        evidence.put("Minimum Threshold", String.valueOf(rule.minThreshold()));
        evidence.put("Maximum Threshold", String.valueOf(rule.maxThreshold()));
        evidence.put("Window Start", window.start().toString());
        evidence.put("Window End", window.end().toString());
        evidence.put("Rule Type", type.ruleType());
        evidence.put("Security Group", group);
        return new AlertHit(hub, deviceId, new AlertHit.AlertDefinition(type.alertType(), type.alertDisplayName(), "Low",
                type.description(), List.of("Check whether the range of the rule in the device's security group " + group
                + " fits the device; if it does, investigate the device.")), at, evidence, JsonNodeFactory.instance.arrayNode());
    }
}
