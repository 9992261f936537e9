package io.vigil.contracts.twins;

import io.quarkus.runtime.annotations.RegisterForReflection;

import java.time.Instant;

/**
 * A device's security group as its twin says after a change of the twin's tags.
 *
 * @param hub           the hub's resource id
 * @param securityGroup the value of the device twin's {@code tags.securityGroup}; {@code null} when the tag is
 *                      absent or not a string, meaning the device belongs to no group
 * @param twinVersion   the device twin's version after the change: a consumer keeps the notice with the highest
 *                      version, so redelivered or reordered notices cannot roll a membership back
 * @param changedAt     when the twin changed
 */
@RegisterForReflection
public record SecurityGroupNotice(int version, String hub, String deviceId, String securityGroup, long twinVersion,
                                  Instant changedAt) {

    public static final int CURRENT_VERSION = 1;
}
