package io.vigil.detection.customalerts;

import java.util.Arrays;
import java.util.Optional;

/**
 * The allow-list rules of a device security group: which event they look at, which of its fields must be on the
 * list, and the alert raised when it is not.
 */
public enum AllowlistRuleType {

    PROCESS_NOT_ALLOWED("ProcessNotAllowed", "ProcessCreate", "Executable", "Executable",
            "Custom alert - A process was executed that is not allowed",
            "A process that is not on the allowed list of the device's security group was executed on the device."),
    LOCAL_USER_NOT_ALLOWED("LocalUserNotAllowed", "Login", "UserName", "User Name",
            "Custom alert - The sign in of a user that is not on the allowed user list",
            "A user who is not on the allowed list of the device's security group signed in to the device."),
    CONNECTION_TO_IP_NOT_ALLOWED("ConnectionToIpNotAllowed", "ConnectionCreate", "RemoteAddress", "Remote Address",
            "Custom alert - The outbound connection created to an IP that isn't allowed",
            "The device opened an outbound connection to an address outside the allowed ranges of its security group.");

    private final String ruleType;
    private final String eventName;
    private final String field;
    private final String evidenceName;
    private final String displayName;
    private final String description;

    AllowlistRuleType(String ruleType, String eventName, String field, String evidenceName, String displayName, String description) {
        this.ruleType = ruleType;
        this.eventName = eventName;
        this.field = field;
        this.evidenceName = evidenceName;
        this.displayName = displayName;
        this.description = description;
    }

    public static Optional<AllowlistRuleType> named(String ruleType) {
        return Arrays.stream(values()).filter(t -> t.ruleType.equals(ruleType)).findFirst();
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
