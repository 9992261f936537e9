package io.vigil.detection.recommendations;

/** The recommendations the agent's snapshots support, with the catalog's names, words and severities. */
public enum RecommendationType {
    OPEN_PORTS("IoT_OpenPorts", "Open Ports on device", "Medium",
            "A listening endpoint was found on the device."),
    PERMISSIVE_FIREWALL_POLICY("IoT_PermissiveFirewallPolicy", "Permissive firewall policy found in one of the chains.", "Medium",
            "An Allowed firewall policy was found (INPUT/OUTPUT). The policy should Deny all traffic by default and define rules to allow necessary communication to/from the device."),
    PERMISSIVE_INPUT_RULES("IoT_PermissiveInputFirewallRules", "Permissive firewall rule in the input chain was found", "Medium",
            "A rule in the firewall has been found that contains a permissive pattern for a wide range of IP addresses or ports."),
    PERMISSIVE_OUTPUT_RULES("IoT_PermissiveOutputFirewallRules", "Permissive firewall rule in the output chain was found", "Medium",
            "A rule in the firewall has been found that contains a permissive pattern for a wide range of IP addresses or ports."),
    OS_BASELINE("IoT_Baseline", "Operation system baseline validation has failed", "Medium",
            "The device failed one or more checks of the operating system's security baseline.");

    private final String recommendationName;
    private final String displayName;
    private final String severity;
    private final String description;

    RecommendationType(String recommendationName, String displayName, String severity, String description) {
        this.recommendationName = recommendationName;
        this.displayName = displayName;
        this.severity = severity;
        this.description = description;
    }

    public String recommendationName() {
        return recommendationName;
    }

    public String displayName() {
        return displayName;
    }

    public String severity() {
        return severity;
    }

    public String description() {
        return description;
    }
}
