package io.vigil.detection.hubevents;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.vigil.contracts.hubevents.HubEventNotice;
import io.vigil.detection.AlertHit;

import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The hub's alerts about device identities, raised from the hub events of refused logins: a SAS token with a
 * signature of neither key (or one for another identity), an expired SAS token, a certificate whose thumbprint the
 * registry does not hold, an expired certificate. Unknown and disabled devices, and malformed logins, are not
 * alerts of the catalog; their events are kept in the metrics of the service that refused them.
 */
final class HubEventAlerts {

    static final AlertHit.AlertDefinition INVALID_SAS_TOKEN = new AlertHit.AlertDefinition("IoT_Invalid_SAS_Token",
            "Invalid SAS Token Signature", "Medium",
            "A device presented a SAS token whose signature matches neither its primary nor its secondary key.",
            List.of("Check the connection settings of the device.",
                    "If the device did not make these attempts, someone is trying its identity: rotate its keys."));
    static final AlertHit.AlertDefinition EXPIRED_SAS_TOKEN = new AlertHit.AlertDefinition("IoT_Expired_SAS_Token",
            "Expired SAS Token", "Low", "A device used an expired SAS token.",
            List.of("Check that the device renews its tokens and that its clock is right."));
    static final AlertHit.AlertDefinition THUMBPRINT_MISMATCH = new AlertHit.AlertDefinition("IoT_Cert_Print_Mismatch",
            "X.509 Device Certificate Thumbprint Mismatch", "Medium",
            "A device tried to authenticate with an X.509 certificate whose thumbprint does not match its registered ones.",
            List.of("Check which certificate the device holds and the thumbprints registered for it.",
                    "If the device did not make these attempts, someone is trying its identity."));
    static final AlertHit.AlertDefinition CERTIFICATE_EXPIRED = new AlertHit.AlertDefinition("IoT_Cert_Expired",
            "X.509 Certificate Expired", "Medium", "A device tried to authenticate with an expired X.509 certificate.",
            List.of("Issue the device a new certificate and register its thumbprint."));

    private static final Map<String, AlertHit.AlertDefinition> BY_REASON = Map.of(
            "invalid-signature", INVALID_SAS_TOKEN,
            "wrong-resource", INVALID_SAS_TOKEN,
            "expired-token", EXPIRED_SAS_TOKEN,
            "thumbprint-mismatch", THUMBPRINT_MISMATCH,
            "certificate-expired", CERTIFICATE_EXPIRED);

    private HubEventAlerts() {
    }

    /** The device, and the address the attempts came from, in the entity shape of the other alerts. */
    private static ArrayNode entities(HubEventNotice notice) {
        ArrayNode entities = JsonNodeFactory.instance.arrayNode();
        ObjectNode host = entities.addObject();
        host.put("$id", "1");
        host.put("HostName", notice.deviceId());
        host.put("Type", "host");
        if (notice.clientAddress() != null && !notice.clientAddress().isBlank()) {
            ObjectNode ip = entities.addObject();
            ip.put("$id", "2");
            ip.put("Address", notice.clientAddress());
            ip.put("Type", "ip");
        }
        return entities;
    }

    /** The alert a hub event raises, if any. */
    static Optional<AlertHit> of(HubEventNotice notice) {
        if (!HubEventNotice.AUTHENTICATION_FAILED.equals(notice.kind())) {
            return Optional.empty();
        }
        AlertHit.AlertDefinition definition = BY_REASON.get(notice.reason());
        if (definition == null) {
            return Optional.empty();
        }
        ObjectNode evidence = JsonNodeFactory.instance.objectNode();
        evidence.put("DeviceId", notice.deviceId());
        if (notice.moduleId() != null && !notice.moduleId().isEmpty()) {
            evidence.put("ModuleId", notice.moduleId());
        }
        evidence.put("Reason", notice.reason());
        evidence.put("Client Address", notice.clientAddress() == null ? "?" : notice.clientAddress());
        evidence.put("Attempts", notice.count());
        evidence.put("First Attempt", notice.firstAt().toString());
        evidence.put("Last Attempt", notice.lastAt().toString());
        return Optional.of(new AlertHit(notice.hub(), notice.deviceId(), definition, notice.lastAt(), evidence, entities(notice)));
    }
}
