package io.vigil.detection.alerts;

import java.util.List;

/** The states an alert goes through, and the severities it may have. */
public final class AlertStatus {

    public static final String ACTIVE = "Active";
    public static final String DISMISSED = "Dismissed";
    public static final String RESOLVED = "Resolved";
    public static final List<String> ALL = List.of(ACTIVE, DISMISSED, RESOLVED);
    public static final List<String> SEVERITIES = List.of("High", "Medium", "Low", "Informational");

    private AlertStatus() {
    }

    /** SecurityAlert's {@code Status} of an alert in this state: Log Analytics calls an active alert New. */
    public static String recordStatus(String status) {
        return ACTIVE.equals(status) ? "New" : status;
    }
}
