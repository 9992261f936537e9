package io.vigil.contracts.findings;

import io.quarkus.runtime.annotations.RegisterForReflection;

import java.time.Instant;

/**
 * An alert as it stands after a change: raised, hit again, or changed by an operator.
 *
 * @param alertType     e.g. {@code IoT_Bruteforce_Success}: the twin tag's name
 * @param lastDetection the alert's end time: the latest detection
 * @param status        Active, Dismissed or Resolved
 */
@RegisterForReflection
public record AlertNotice(int version, String hub, String deviceId, String alertType, String systemAlertId,
                          String severity, String status, Instant startTime, Instant lastDetection, long hitCount) {

    public static final int CURRENT_VERSION = 1;
}
