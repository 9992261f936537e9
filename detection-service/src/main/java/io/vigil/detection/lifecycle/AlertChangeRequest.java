package io.vigil.detection.lifecycle;

/**
 * An operator's change of an alert, the body of {@code PATCH /alerts/{systemAlertId}}: a new status (Active,
 * Dismissed, Resolved), a new severity (High, Medium, Low, Informational), or both, and why.
 */
public record AlertChangeRequest(String status, String severity, String comment) {
}
