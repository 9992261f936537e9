package io.vigil.detection.suppression;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.quarkus.runtime.annotations.RegisterForReflection;
import io.vigil.detection.AlertHit;

import java.time.Instant;
import java.util.Iterator;
import java.util.Map;
import java.util.UUID;

/**
 * An operator's rule that an alert type (on one hub, one device, or everywhere; optionally only when its evidence
 * holds given values) is not to raise active alerts, until it expires or is deleted.
 *
 * @param evidence values the hit's {@code ExtendedProperties} must hold, e.g. {@code {"Remote Address": "203.0.113.9"}}
 */
@RegisterForReflection
public record SuppressionRule(UUID id, String hub, String deviceId, String alertType, ObjectNode evidence, String reason,
                              String createdBy, Instant createdAt, Instant expiresAt) {

    /** True when this rule covers the hit at the given time. */
    public boolean matches(AlertHit hit, Instant now) {
        if (expiresAt != null && !expiresAt.isAfter(now)) {
            return false;
        }
        if (!alertType.equals(hit.definition().alertType()) || (hub != null && !hub.equals(hit.hub()))
                || (deviceId != null && !deviceId.equals(hit.deviceId()))) {
            return false;
        }
        Iterator<Map.Entry<String, JsonNode>> wanted = evidence.fields();
        while (wanted.hasNext()) {
            Map.Entry<String, JsonNode> field = wanted.next();
            JsonNode actual = hit.evidence().get(field.getKey());
            if (actual == null || !actual.asText().equals(field.getValue().asText())) {
                return false;
            }
        }
        return true;
    }
}
