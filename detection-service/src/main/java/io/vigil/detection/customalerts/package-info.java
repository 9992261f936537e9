/**
 * Custom alerts: rules an operator sets per device security group (the group a device's twin tag
 * {@code securityGroup} names, {@code default} for devices without one). Allow-list rules are checked on every event
 * of the group's devices: processes, local users and outbound connection addresses that are allowed, anything else
 * raises {@code IoT_CA_<ruleType>}. Time-window rules count each device's activities (failed logins, created
 * connections, device-to-cloud messages, refused logins) per tumbling window in PostgreSQL: a batch that takes a
 * window above the maximum raises at once ({@link io.vigil.detection.customalerts.ActivityCounter}), a scan finds the
 * windows that closed below the minimum ({@link io.vigil.detection.customalerts.TimeWindowScan}).
 */
package io.vigil.detection.customalerts;
