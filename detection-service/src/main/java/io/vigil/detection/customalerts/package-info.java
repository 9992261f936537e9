/**
 * Custom alerts: rules an operator sets per device security group (the group a device's twin tag
 * {@code securityGroup} names, {@code default} for devices without one), evaluated on every event of the group's
 * devices. Today the allow-list rules: processes, local users and outbound connection addresses that are allowed;
 * anything else raises {@code IoT_CA_<ruleType>}.
 */
package io.vigil.detection.customalerts;
