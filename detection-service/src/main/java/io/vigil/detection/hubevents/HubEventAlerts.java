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
 * The hub's alerts, raised from hub events. Of refused logins: a SAS token with a signature of neither key (or one
 * for another identity), an expired SAS token, a certificate whose thumbprint the registry does not hold, an
 * expired certificate; unknown and disabled devices, and malformed logins, are not alerts of the catalog (their
 * events are counted in the metrics of the service that refused them). Of the hub's CA certificates: added,
 * deleted, or an attempt to do either that failed. Of its diagnostic settings: any attempt to add, edit or delete one.
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

    static final AlertHit.AlertDefinition CERTIFICATE_ADDED = new AlertHit.AlertDefinition("IoT_CertificateSuccessfullyAddedToHub",
            "New certificate added to an IoT Hub", "Medium",
            "A CA certificate was added to an IoT hub. If an authorized party did not make this change, it may be malicious.",
            List.of("Check in the hub's audit trail who added the certificate, and delete it if the change was not intended."));
    static final AlertHit.AlertDefinition CERTIFICATE_DELETED = new AlertHit.AlertDefinition("IoT_CertificateSuccessfullyDeletedFromHub",
            "Certificate deleted from an IoT Hub", "Medium",
            "A CA certificate was deleted from an IoT hub. If an authorized party did not make this change, it may be malicious.",
            List.of("Check in the hub's audit trail who deleted the certificate; devices it issued can no longer connect."));
    static final AlertHit.AlertDefinition CERTIFICATE_ADD_FAILED = new AlertHit.AlertDefinition("IoT_CertificateFailedToBeAddedToHub",
            "Unsuccessful attempt to add a certificate to an IoT Hub was detected", "Medium",
            "An attempt to add a CA certificate to an IoT hub failed. If an authorized party did not make it, it may be malicious.",
            List.of("Check in the hub's audit trail who made the attempt and why it failed."));
    static final AlertHit.AlertDefinition CERTIFICATE_DELETE_FAILED = new AlertHit.AlertDefinition("IoT_CertificateFailedToBeDeletedFromHub",
            "Unsuccessful attempt to delete a certificate from an IoT Hub detected", "Medium",
            "An attempt to delete a CA certificate from an IoT hub failed. If an authorized party did not make it, it may be malicious.",
            List.of("Check in the hub's audit trail who made the attempt and why it failed."));

    static final AlertHit.AlertDefinition DIAGNOSTIC_SETTING_CHANGED = new AlertHit.AlertDefinition("IoT_DiagnosticSettingAddedOrEditedOnHub",
            "Detected an attempt to add or edit a diagnostic setting of an IoT Hub", "Low",
            "Someone tried to add or edit a diagnostic setting of an IoT hub. Diagnostic settings decide which activity trails are kept"
                    + " for investigating an incident; if an authorized party did not make this change, it may be malicious.",
            List.of("Check in the hub's audit trail who changed the setting and what it now keeps."));
    static final AlertHit.AlertDefinition DIAGNOSTIC_SETTING_DELETED = new AlertHit.AlertDefinition("IoT_DiagnosticSettingDeletedFromHub",
            "Detected an attempt to delete a diagnostic setting from an IoT Hub", "Low",
            "Someone tried to delete a diagnostic setting of an IoT hub. Diagnostic settings decide which activity trails are kept"
                    + " for investigating an incident; if an authorized party did not make this change, it may be malicious.",
            List.of("Check in the hub's audit trail who deleted the setting, and restore it if the change was not intended."));

    private static final Map<String, AlertHit.AlertDefinition> BY_CHANGE = Map.of(
            HubEventNotice.CERTIFICATE_ADDED, CERTIFICATE_ADDED,
            HubEventNotice.CERTIFICATE_DELETED, CERTIFICATE_DELETED,
            HubEventNotice.CERTIFICATE_ADD_FAILED, CERTIFICATE_ADD_FAILED,
            HubEventNotice.CERTIFICATE_DELETE_FAILED, CERTIFICATE_DELETE_FAILED,
            HubEventNotice.DIAGNOSTIC_SETTING_CHANGED, DIAGNOSTIC_SETTING_CHANGED,
            HubEventNotice.DIAGNOSTIC_SETTING_DELETED, DIAGNOSTIC_SETTING_DELETED);

    private static final Map<String, AlertHit.AlertDefinition> BY_REASON = Map.of(
            "invalid-signature", INVALID_SAS_TOKEN,
            "wrong-resource", INVALID_SAS_TOKEN,
            "expired-token", EXPIRED_SAS_TOKEN,
            "thumbprint-mismatch", THUMBPRINT_MISMATCH,
            "certificate-expired", CERTIFICATE_EXPIRED);

    private HubEventAlerts() {
    }

    /**
     * An alert about the hub itself: no device ({@code DeviceId} is ''), the certificate, who acted and, for a failed
     * attempt, why it failed as evidence, the hub as the entity.
     */
    private static AlertHit hubAlert(HubEventNotice notice, AlertHit.AlertDefinition definition) {
        ObjectNode evidence = JsonNodeFactory.instance.objectNode();
        evidence.put("DeviceId", "");
        evidence.put(notice.kind().startsWith("certificate") ? "Certificate" : "Diagnostic Setting", notice.target());
        evidence.put("Actor", notice.actor());
        if (notice.reason() != null) {
            evidence.put("Reason", notice.reason());
        }
        ArrayNode entities = JsonNodeFactory.instance.arrayNode();
        ObjectNode hub = entities.addObject();
        hub.put("$id", "1");
        hub.put("ResourceId", notice.hub());
        hub.put("Type", "azure-resource");
        return new AlertHit(notice.hub(), "", definition, notice.lastAt(), evidence, entities);
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
        AlertHit.AlertDefinition change = BY_CHANGE.get(notice.kind());
        if (change != null) {
            return Optional.of(hubAlert(notice, change));
        }
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
