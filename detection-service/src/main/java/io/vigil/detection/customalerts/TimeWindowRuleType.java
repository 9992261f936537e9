package io.vigil.detection.customalerts;

import io.vigil.detection.Observation;

import java.util.Arrays;
import java.util.List;
import java.util.Optional;

/**
 * The time-window rules of a device security group, every one of the reference's: which activity each counts, and
 * where that activity comes from in Vigil. Rules whose activity Vigil never sees (other protocols than MQTT,
 * cloud-to-device messages, direct methods, file uploads, queue purges) are accepted so that a group
 * can hold the reference's whole rule set, but are never evaluated: counting nothing would raise false "below the
 * minimum" alerts.
 */
public enum TimeWindowRuleType {

    ACTIVE_CONNECTIONS("ActiveConnectionsNotInAllowedRange", Source.AGENT,
            "Number of active connections is not in allowed range",
            "Get an alert when the number of active connections of a device in the time window is not in the allowed range",
            "Custom alert - The number of active connections is outside the allowed range"),
    FAILED_LOCAL_LOGINS("FailedLocalLoginsNotInAllowedRange", Source.AGENT,
            "Number of failed local logins is not in allowed range",
            "Get an alert when the number of failed local logins on the device in the time window is not in the allowed range",
            "Custom alert - The number of failed local logins is outside the allowed range"),
    MQTT_D2C_MESSAGES("MqttD2CMessagesNotInAllowedRange", Source.HUB,
            "Number of device to cloud messages (MQTT protocol) is not in allowed range",
            "Get an alert when the number of device to cloud messages (MQTT protocol) in the time window is not in the allowed range",
            "Custom alert - The number of device to cloud messages in MQTT protocol is outside the allowed range"),
    UNAUTHORIZED_OPERATIONS("UnauthorizedOperationsNotInAllowedRange", Source.HUB,
            "Number of unauthorized operations is not in allowed range",
            "Get an alert when the number unauthorized operations in the time window is not in the allowed range. Unauthorized"
                    + " operations are operations that affect the device (or done by it) that fail because of an unauthorized error",
            "Custom alert - The number of unauthorized operations is outside the allowed range"),
    TWIN_UPDATES("TwinUpdatesNotInAllowedRange", Source.HUB,
            "Number of twin updates is not in allowed range",
            "Get an alert when the number of twin updates (by the device or the service) in the time window is not in the allowed range",
            "Custom alert - The number of module twin updates is outside the allowed range"),
    AMQP_C2D_MESSAGES("AmqpC2DMessagesNotInAllowedRange", Source.NONE,
            "Number of cloud to device messages (AMQP protocol) is not in allowed range",
            "Get an alert when the number of cloud to device messages (AMQP protocol) in the time window is not in the allowed range",
            "Custom alert - The number of cloud to device messages in AMQP protocol is outside the allowed range"),
    MQTT_C2D_MESSAGES("MqttC2DMessagesNotInAllowedRange", Source.NONE,
            "Number of cloud to device messages (MQTT protocol) is not in allowed range",
            "Get an alert when the number of cloud to device messages (MQTT protocol) in the time window is not in the allowed range",
            "Custom alert - The number of cloud to device messages in MQTT protocol is outside the allowed range"),
    HTTP_C2D_MESSAGES("HttpC2DMessagesNotInAllowedRange", Source.NONE,
            "Number of cloud to device messages (HTTP protocol) is not in allowed range",
            "Get an alert when the number of cloud to device messages (HTTP protocol) in the time window is not in the allowed range",
            "Custom alert - The number of cloud to device messages in HTTP protocol is outside the allowed range"),
    AMQP_C2D_REJECTED_MESSAGES("AmqpC2DRejectedMessagesNotInAllowedRange", Source.NONE,
            "Number of rejected cloud to device messages (AMQP protocol) is not in allowed range",
            "Get an alert when the number of cloud to device messages (AMQP protocol) that were rejected by the device in the time"
                    + " window is not in the allowed range",
            "Custom alert - The number of rejected cloud to device messages in AMQP protocol is outside the allowed range"),
    MQTT_C2D_REJECTED_MESSAGES("MqttC2DRejectedMessagesNotInAllowedRange", Source.NONE,
            "Number of rejected cloud to device messages (MQTT protocol) is not in allowed range",
            "Get an alert when the number of cloud to device messages (MQTT protocol) that were rejected by the device in the time"
                    + " window is not in the allowed range",
            "Custom alert - The number of rejected cloud to device messages in MQTT protocol is outside the allowed range"),
    HTTP_C2D_REJECTED_MESSAGES("HttpC2DRejectedMessagesNotInAllowedRange", Source.NONE,
            "Number of rejected cloud to device messages (HTTP protocol) is not in allowed range",
            "Get an alert when the number of cloud to device messages (HTTP protocol) that were rejected by the device in the time"
                    + " window is not in the allowed range",
            "Custom alert - The number of rejected cloud to device messages in HTTP protocol is not in the allowed range"),
    AMQP_D2C_MESSAGES("AmqpD2CMessagesNotInAllowedRange", Source.NONE,
            "Number of device to cloud messages (AMQP protocol) is not in allowed range",
            "Get an alert when the number of device to cloud messages (AMQP protocol) in the time window is not in the allowed range",
            "Custom alert - The number of device to cloud messages in AMQP protocol is outside the allowed range"),
    HTTP_D2C_MESSAGES("HttpD2CMessagesNotInAllowedRange", Source.NONE,
            "Number of device to cloud messages (HTTP protocol) is not in allowed range",
            "Get an alert when the number of device to cloud messages (HTTP protocol) in the time window is not in the allowed range",
            "Custom alert - The number of device to cloud messages in HTTP protocol is outside the allowed range"),
    DIRECT_METHOD_INVOKES("DirectMethodInvokesNotInAllowedRange", Source.NONE,
            "Number of direct method invokes is not in allowed range",
            "Get an alert when the number of direct method invokes in the time window is not in the allowed range",
            "Custom alert - The number of direct method invokes is outside the allowed range"),
    FILE_UPLOADS("FileUploadsNotInAllowedRange", Source.NONE,
            "Number of file uploads is not in allowed range",
            "Get an alert when the number of file uploads from the device to the cloud in the time window is not in the allowed range",
            "Custom alert - The number of file uploads is outside the allowed range"),
    QUEUE_PURGES("QueuePurgesNotInAllowedRange", Source.NONE,
            "Number of device queue purges is not in allowed range",
            "Get an alert when the number of device queue purges in the time window is not in the allowed range",
            "Custom alert - The number of command queue purges that are outside of the allowed range");

    /** Where the counted activity comes from. */
    public enum Source {
        /** The agent's events in the feed. */
        AGENT,
        /** What the hub sees: the feed's messages themselves, twin-service's hub events. */
        HUB,
        /** Nothing in Vigil: the rule is kept but never evaluated. */
        NONE
    }

    /** Every rule type's name, in the order operators read them in error messages. */
    public static final List<String> NAMES = Arrays.stream(values()).map(TimeWindowRuleType::ruleType).toList();

    private final String ruleType;
    private final Source source;
    private final String displayName;
    private final String description;
    private final String alertDisplayName;

    TimeWindowRuleType(String ruleType, Source source, String displayName, String description, String alertDisplayName) {
        this.ruleType = ruleType;
        this.source = source;
        this.displayName = displayName;
        this.description = description;
        this.alertDisplayName = alertDisplayName;
    }

    public static Optional<TimeWindowRuleType> named(String ruleType) {
        return Arrays.stream(values()).filter(t -> t.ruleType.equals(ruleType)).findFirst();
    }

    /**
     * How many activities of this rule one agent payload item stands for: a failed login is one; a created connection
     * (inbound or outbound) is one, or its {@code ExtraDetails.HitCount} when the agent aggregated several. Zero for
     * anything else, and for every rule not counted from agent events.
     */
    public long count(Observation observation) {
        return switch (this) {
            case FAILED_LOCAL_LOGINS -> observation.eventName().equals("Login") && observation.text("Result").equalsIgnoreCase("Fail") ? 1 : 0;
            case ACTIVE_CONNECTIONS -> observation.eventName().equals("ConnectionCreate") ? hitCount(observation) : 0;
            default -> 0;
        };
    }

    private static long hitCount(Observation observation) {
        // The C agent writes HitCount as a number, the C# agent as a string; a missing or odd one counts the item once.
        String text = observation.item().path("ExtraDetails").path("HitCount").asText("");
        try {
            long count = Long.parseLong(text.strip());
            return count > 0 ? count : 1;
        } catch (NumberFormatException e) {
            return 1;
        }
    }

    /** Whether Vigil has the activity this rule counts; a rule that is not is accepted and never evaluated. */
    public boolean evaluated() {
        return source != Source.NONE;
    }

    public Source source() {
        return source;
    }

    public String ruleType() {
        return ruleType;
    }

    public String alertType() {
        return "IoT_CA_" + ruleType;
    }

    /** The rule's read-only displayName in the group resource. */
    public String displayName() {
        return displayName;
    }

    /** The rule's read-only description in the group resource, also the alert's description. */
    public String description() {
        return description;
    }

    /** The alert's display name, from the reference's catalog. */
    public String alertDisplayName() {
        return alertDisplayName;
    }
}
