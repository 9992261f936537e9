package io.vigil.detection.customalerts;

import com.fasterxml.jackson.databind.JsonNode;

import java.time.Duration;
import java.time.format.DateTimeParseException;
import java.util.Set;

/**
 * A time-window rule of a device security group: an alert when the number of the rule's activities of one device in
 * one window of {@code timeWindowSize} is below {@code minThreshold} or above {@code maxThreshold}.
 */
public record TimeWindowRule(TimeWindowRuleType type, boolean enabled, long minThreshold, long maxThreshold, Duration windowSize) {

    /** The shortest window: below it a scan every minute and a minute's grace would be most of the window. */
    public static final Duration SHORTEST = Duration.ofMinutes(5);
    /** The longest window: counts are kept for two days, and the reference's windows are minutes to hours. */
    public static final Duration LONGEST = Duration.ofDays(1);

    /** Whether the rule raises alerts: enabled, and its activity is one Vigil sees. */
    public boolean evaluated() {
        return enabled && type.evaluated();
    }

    /** Whether a window can hold too few activities; a minimum of 0 never can, so no scan is needed. */
    public boolean hasMinimum() {
        return minThreshold > 0;
    }

    /**
     * Reads one rule of an operator's request; displayName and description are the reference's read-only fields and
     * are ignored when sent.
     *
     * @throws IllegalArgumentException with a reason naming the rule ({@code at}) and the field
     */
    static TimeWindowRule parse(JsonNode rule, String at, Set<TimeWindowRuleType> seen) {
        if (!rule.isObject()) {
            throw new IllegalArgumentException(at + " must be an object");
        }
        String ruleType = rule.path("ruleType").asText("");
        TimeWindowRuleType type = TimeWindowRuleType.named(ruleType).orElseThrow(() -> new IllegalArgumentException(at
                + ".ruleType must be one of " + TimeWindowRuleType.NAMES + ", not '" + ruleType + "'"));
        if (!seen.add(type)) {
            throw new IllegalArgumentException(at + ": the group already has a " + ruleType + " rule");
        }
        JsonNode enabled = rule.path("isEnabled");
        if (!enabled.isBoolean()) {
            throw new IllegalArgumentException(at + ".isEnabled must be true or false");
        }
        long min = threshold(rule, "minThreshold", at);
        long max = threshold(rule, "maxThreshold", at);
        if (min > max) {
            throw new IllegalArgumentException(at + ": minThreshold (" + min + ") must not be greater than maxThreshold (" + max + ")");
        }
        return new TimeWindowRule(type, enabled.asBoolean(), min, max, windowSize(rule.path("timeWindowSize"), at));
    }

    private static long threshold(JsonNode rule, String field, String at) {
        JsonNode value = rule.path(field);
        if (!value.isIntegralNumber() || !value.canConvertToInt()) {
            throw new IllegalArgumentException(at + "." + field + " must be a whole number");
        }
        if (value.asLong() < 0) {
            throw new IllegalArgumentException(at + "." + field + " must not be negative, not " + value.asLong());
        }
        return value.asLong();
    }

    private static Duration windowSize(JsonNode value, String at) {
        String reason = at + ".timeWindowSize must be an ISO-8601 duration of whole seconds from PT5M to P1D (e.g. PT15M)";
        if (!value.isTextual()) {
            throw new IllegalArgumentException(reason);
        }
        Duration size;
        try {
            size = Duration.parse(value.asText());
        } catch (DateTimeParseException e) {
            throw new IllegalArgumentException(reason + ", not '" + value.asText() + "'");
        }
        if (size.getNano() != 0 || size.compareTo(SHORTEST) < 0 || size.compareTo(LONGEST) > 0) {
            throw new IllegalArgumentException(reason + ", not " + value.asText());
        }
        return size;
    }
}
