package io.vigil.detection.customalerts;

import com.fasterxml.jackson.databind.JsonNode;
import io.vigil.detection.addresses.AddressRange;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * A device security group and its custom alert rules, in the shape of the reference's {@code deviceSecurityGroups}
 * resource: {@code {"allowlistRules": [{"ruleType": "ProcessNotAllowed", "isEnabled": true, "allowlistValues":
 * ["/usr/sbin/sshd"]}], "timeWindowRules": [{"ruleType": "FailedLocalLoginsNotInAllowedRange", "isEnabled": true,
 * "minThreshold": 0, "maxThreshold": 5, "timeWindowSize": "PT15M"}], "thresholdRules": [], "denylistRules": []}},
 * optionally under {@code "properties"}.
 */
public record DeviceSecurityGroup(String hub, String name, List<AllowlistRule> allowlistRules, List<TimeWindowRule> timeWindowRules) {

    /** Devices whose twin names no group are in this one. */
    public static final String DEFAULT_GROUP = "default";
    public static final int MAX_VALUES = 1000;
    private static final int MAX_VALUE_LENGTH = 1024;
    private static final Pattern NAME = Pattern.compile("[A-Za-z0-9][A-Za-z0-9_.\\-]{0,127}");

    /** One allow-list rule; a disabled rule is kept but raises nothing. */
    public record AllowlistRule(AllowlistRuleType type, boolean enabled, List<String> values, List<AddressRange> ranges) {

        /** Whether the observed value is on the list. */
        public boolean allows(String value) {
            if (type.holdsAddressRanges()) {
                return ranges.stream().anyMatch(range -> range.contains(value));
            }
            return values.contains(value);
        }
    }

    /** The rules that raise alerts. */
    public List<AllowlistRule> enabledRules() {
        return allowlistRules.stream().filter(AllowlistRule::enabled).toList();
    }

    /** The time-window rules that raise alerts: enabled, and counting something Vigil sees. */
    public List<TimeWindowRule> evaluatedTimeWindowRules() {
        return timeWindowRules.stream().filter(TimeWindowRule::evaluated).toList();
    }

    /** The evaluated time-window rule of a type, if the group has one. */
    public Optional<TimeWindowRule> timeWindowRule(TimeWindowRuleType type) {
        return evaluatedTimeWindowRules().stream().filter(rule -> rule.type() == type).findFirst();
    }

    /**
     * Reads a group from an operator's request body.
     *
     * @throws IllegalArgumentException with a reason an operator can act on
     */
    public static DeviceSecurityGroup parse(String hub, String name, JsonNode body) {
        if (name == null || !NAME.matcher(name).matches()) {
            throw new IllegalArgumentException("a group name is 1 to 128 letters, digits, '_', '.' or '-', starting with a letter or digit");
        }
        if (body == null || !body.isObject()) {
            throw new IllegalArgumentException("the body must be an object with allowlistRules and timeWindowRules");
        }
        JsonNode properties = body.has("properties") ? body.get("properties") : body;
        // The reference defines no rule type of either kind for IoT hubs: an empty list is all there can be.
        for (String kind : List.of("thresholdRules", "denylistRules")) {
            JsonNode rules = array(properties, kind);
            if (!rules.isEmpty()) {
                throw new IllegalArgumentException(kind + " must be empty: the reference has no rule type of that kind;"
                        + " allowlistRules take " + String.join(", ", AllowlistRuleType.NAMES) + ", timeWindowRules "
                        + String.join(", ", TimeWindowRuleType.NAMES));
            }
        }
        JsonNode rules = array(properties, "allowlistRules");
        List<AllowlistRule> parsed = new ArrayList<>();
        Set<AllowlistRuleType> seen = new HashSet<>();
        for (int i = 0; i < rules.size(); i++) {
            parsed.add(rule(rules.get(i), "allowlistRules[" + i + "]", seen));
        }
        JsonNode windowRules = array(properties, "timeWindowRules");
        List<TimeWindowRule> windows = new ArrayList<>();
        Set<TimeWindowRuleType> seenWindows = new HashSet<>();
        for (int i = 0; i < windowRules.size(); i++) {
            windows.add(TimeWindowRule.parse(windowRules.get(i), "timeWindowRules[" + i + "]", seenWindows));
        }
        return new DeviceSecurityGroup(hub, name, List.copyOf(parsed), List.copyOf(windows));
    }

    /** The named list of rules; absent or null is an empty one. */
    private static JsonNode array(JsonNode properties, String kind) {
        JsonNode rules = properties.path(kind);
        if (rules.isMissingNode() || rules.isNull()) {
            return JsonNodeFactory.instance.arrayNode();
        }
        if (!rules.isArray()) {
            throw new IllegalArgumentException(kind + " must be an array");
        }
        return rules;
    }

    private static AllowlistRule rule(JsonNode rule, String at, Set<AllowlistRuleType> seen) {
        if (!rule.isObject()) {
            throw new IllegalArgumentException(at + " must be an object");
        }
        String ruleType = rule.path("ruleType").asText("");
        AllowlistRuleType type = AllowlistRuleType.named(ruleType).orElseThrow(() -> new IllegalArgumentException(at
                + ".ruleType must be one of " + AllowlistRuleType.NAMES
                + ", not '" + ruleType + "'"));
        if (!seen.add(type)) {
            throw new IllegalArgumentException(at + ": the group already has a " + ruleType + " rule");
        }
        JsonNode enabled = rule.path("isEnabled");
        if (!enabled.isBoolean()) {
            throw new IllegalArgumentException(at + ".isEnabled must be true or false");
        }
        JsonNode values = rule.path("allowlistValues");
        if (!values.isArray() || values.size() > MAX_VALUES) {
            throw new IllegalArgumentException(at + ".allowlistValues must be an array of at most " + MAX_VALUES + " strings");
        }
        List<String> texts = new ArrayList<>();
        List<AddressRange> ranges = new ArrayList<>();
        for (int v = 0; v < values.size(); v++) {
            JsonNode value = values.get(v);
            if (!value.isTextual() || value.asText().isEmpty() || value.asText().length() > MAX_VALUE_LENGTH) {
                throw new IllegalArgumentException(at + ".allowlistValues[" + v + "] must be a non-empty string of at most "
                        + MAX_VALUE_LENGTH + " characters");
            }
            texts.add(value.asText());
            if (type.holdsAddressRanges()) {
                try {
                    ranges.add(AddressRange.parse(value.asText()));
                } catch (IllegalArgumentException e) {
                    throw new IllegalArgumentException(at + ".allowlistValues[" + v + "]: " + e.getMessage());
                }
            }
        }
        return new AllowlistRule(type, enabled.asBoolean(), List.copyOf(texts), List.copyOf(ranges));
    }

    /** The stored and answered form, which {@link #parse} reads back. */
    public ObjectNode toJson() {
        ObjectNode json = JsonNodeFactory.instance.objectNode();
        json.put("name", name);
        json.put("hub", hub);
        ArrayNode rules = json.putArray("allowlistRules");
        for (AllowlistRule rule : allowlistRules) {
            ObjectNode node = rules.addObject();
            node.put("ruleType", rule.type().ruleType());
            node.put("isEnabled", rule.enabled());
            ArrayNode values = node.putArray("allowlistValues");
            rule.values().forEach(values::add);
        }
        ArrayNode windows = json.putArray("timeWindowRules");
        for (TimeWindowRule rule : timeWindowRules) {
            windows.addObject().put("ruleType", rule.type().ruleType()).put("displayName", rule.type().displayName())
                    .put("description", rule.type().description()).put("isEnabled", rule.enabled())
                    .put("minThreshold", rule.minThreshold()).put("maxThreshold", rule.maxThreshold())
                    .put("timeWindowSize", rule.windowSize().toString());
        }
        json.putArray("thresholdRules");
        json.putArray("denylistRules");
        return json;
    }
}
