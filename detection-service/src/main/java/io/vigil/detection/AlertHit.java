package io.vigil.detection;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

import java.time.Instant;
import java.util.List;

/**
 * A detection: an alert of the given type should be raised for the device, or its aggregate updated.
 *
 * @param evidence   becomes {@code ExtendedProperties} (DeviceId is added on recording)
 * @param entities   becomes {@code Entities}
 * @param at         when it happened on the device
 */
public record AlertHit(String hub, String deviceId, AlertDefinition definition, Instant at, ObjectNode evidence,
                       ArrayNode entities) {

    /** What an alert type is: the catalog's words for it. */
    public record AlertDefinition(String alertType, String displayName, String severity, String description,
                                  List<String> remediation) {
    }
}
