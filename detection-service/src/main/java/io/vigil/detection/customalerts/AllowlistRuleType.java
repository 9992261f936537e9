package io.vigil.detection.customalerts;

import io.vigil.detection.Observation;

import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import java.util.function.Predicate;

/**
 * The allow-list rules of a device security group: which events they look at (sign-ins are successful logins,
 * connections outbound ones), which field must be on the list, and the alert raised, with its entity, when it is not.
 */
public enum AllowlistRuleType {

    PROCESS_NOT_ALLOWED("ProcessNotAllowed", "ProcessCreate", o -> true, "Executable", "Executable",
            "process", "CommandLine", "CommandLine",
            "Custom alert - A process was executed that is not allowed",
            "A process that is not on the allowed list of the device's security group was executed on the device."),
    LOCAL_USER_NOT_ALLOWED("LocalUserNotAllowed", "Login", o -> o.text("Result").equalsIgnoreCase("Success"),
            "UserName", "User Name", "account", "Name", "UserName",
            "Custom alert - The sign in of a user that is not on the allowed user list",
            "A user who is not on the allowed list of the device's security group signed in to the device."),
    CONNECTION_TO_IP_NOT_ALLOWED("ConnectionToIpNotAllowed", "ConnectionCreate", o -> o.text("Direction").equalsIgnoreCase("Out"),
            "RemoteAddress", "Remote Address", "ip", "Address", "RemoteAddress",
            "Custom alert - The outbound connection created to an IP that isn't allowed",
            "The device opened an outbound connection to an address outside the allowed ranges of its security group.");

    /** Every rule type's name, in the order operators read them in error messages. */
    public static final List<String> NAMES = Arrays.stream(values()).map(AllowlistRuleType::ruleType).toList();

    private final String ruleType;
    private final String eventName;
    private final Predicate<Observation> watches;
    private final String field;
    private final String evidenceName;
    private final String entityType;
    private final String entityProperty;
    private final String entityField;
    private final String displayName;
    private final String description;

    AllowlistRuleType(String ruleType, String eventName, Predicate<Observation> watches, String field, String evidenceName,
                      String entityType, String entityProperty, String entityField, String displayName, String description) {
        this.ruleType = ruleType;
        this.eventName = eventName;
        this.watches = watches;
        this.field = field;
        this.evidenceName = evidenceName;
        this.entityType = entityType;
        this.entityProperty = entityProperty;
        this.entityField = entityField;
        this.displayName = displayName;
        this.description = description;
    }

    public static Optional<AllowlistRuleType> named(String ruleType) {
        return Arrays.stream(values()).filter(t -> t.ruleType.equals(ruleType)).findFirst();
    }

    /** Whether the rule checks this observation: its event, with the listed field present. */
    public boolean watches(Observation observation) {
        return observation.eventName().equals(eventName) && !observation.text(field).isEmpty() && watches.test(observation);
    }

    /** The alert's entity: its {@code Type}, the property it names and the payload field that fills it. */
    public String entityType() {
        return entityType;
    }

    public String entityProperty() {
        return entityProperty;
    }

    public String entityField() {
        return entityField;
    }

    public String ruleType() {
        return ruleType;
    }

    public String alertType() {
        return "IoT_CA_" + ruleType;
    }

    public String eventName() {
        return eventName;
    }

    /** The payload field the list holds values of. */
    public String field() {
        return field;
    }

    /** The field's name in the alert's ExtendedProperties, in the words of the other alerts. */
    public String evidenceName() {
        return evidenceName;
    }

    public String displayName() {
        return displayName;
    }

    public String description() {
        return description;
    }

    /** The list's values are address ranges (CIDR), not exact strings. */
    public boolean holdsAddressRanges() {
        return this == CONNECTION_TO_IP_NOT_ALLOWED;
    }
}
