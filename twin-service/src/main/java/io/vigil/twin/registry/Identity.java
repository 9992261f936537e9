package io.vigil.twin.registry;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.vigil.twin.store.TwinDocuments;

/**
 * A device or module identity of the registry. Its public facts live in the twin document (so twin queries see
 * {@code status} or {@code authenticationType}), its secrets and generation beside it.
 *
 * @param moduleId '' for a device's own identity
 */
public record Identity(String hub, String deviceId, String moduleId, String generationId, ObjectNode twin,
                       String primaryKey, String secondaryKey) {

    private static final JsonNodeFactory JSON = JsonNodeFactory.instance;

    public boolean isModule() {
        return !moduleId.isEmpty();
    }

    /** The identity's etag: the twin's {@code deviceEtag}, which moves with identity changes only. */
    public String etag() {
        return twin.path("deviceEtag").asText();
    }

    /**
     * The identity in IoT Hub's device or module shape. Keys are credentials: only callers allowed to see them get
     * them, everyone else gets {@code null} in their place.
     */
    public ObjectNode toJson(boolean withKeys) {
        ObjectNode json = JSON.objectNode();
        if (isModule()) {
            json.put("moduleId", moduleId);
            json.put("deviceId", deviceId);
            json.set("managedBy", twin.path("managedBy").isTextual() ? twin.get("managedBy") : JSON.nullNode());
        } else {
            json.put("deviceId", deviceId);
        }
        json.put("generationId", generationId);
        json.put("etag", etag());
        json.put("connectionState", text("connectionState", "Disconnected"));
        if (!isModule()) {
            json.put("status", text("status", "enabled"));
            json.set("statusReason", twin.path("statusReason").isTextual() ? twin.get("statusReason") : JSON.nullNode());
            json.put("statusUpdatedTime", text("statusUpdateTime", TwinDocuments.NEVER));
        }
        json.put("connectionStateUpdatedTime", text("connectionStateUpdatedTime", TwinDocuments.NEVER));
        json.put("lastActivityTime", text("lastActivityTime", TwinDocuments.NEVER));
        json.put("cloudToDeviceMessageCount", twin.path("cloudToDeviceMessageCount").asInt(0));
        ObjectNode authentication = json.putObject("authentication");
        ObjectNode symmetricKey = authentication.putObject("symmetricKey");
        symmetricKey.put("primaryKey", withKeys ? primaryKey : null);
        symmetricKey.put("secondaryKey", withKeys ? secondaryKey : null);
        JsonNode thumbprint = twin.path("x509Thumbprint");
        ObjectNode x509 = authentication.putObject("x509Thumbprint");
        x509.set("primaryThumbprint", thumbprint.path("primaryThumbprint").isTextual() ? thumbprint.get("primaryThumbprint") : JSON.nullNode());
        x509.set("secondaryThumbprint", thumbprint.path("secondaryThumbprint").isTextual() ? thumbprint.get("secondaryThumbprint") : JSON.nullNode());
        authentication.put("type", text("authenticationType", "sas"));
        if (!isModule()) {
            json.putObject("capabilities").put("iotEdge", twin.path("capabilities").path("iotEdge").asBoolean(false));
        }
        return json;
    }

    private String text(String field, String otherwise) {
        JsonNode value = twin.path(field);
        return value.isTextual() ? value.asText() : otherwise;
    }
}
