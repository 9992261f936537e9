package io.vigil.twin.store;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;

import java.time.Instant;
import java.util.Base64;
import java.util.concurrent.ThreadLocalRandom;

/** New twin documents in the shape IoT Hub's twin API returns. */
public final class TwinDocuments {

    private static final JsonNodeFactory JSON = JsonNodeFactory.instance;
    /** IoT Hub's "never" for times that have not happened yet (no activity, no status change). */
    public static final String NEVER = "0001-01-01T00:00:00Z";

    private TwinDocuments() {
    }

    public static ObjectNode deviceTwin(String deviceId, Instant now) {
        ObjectNode twin = JSON.objectNode();
        twin.put("deviceId", deviceId);
        common(twin, now);
        return twin;
    }

    public static ObjectNode moduleTwin(String deviceId, String moduleId, Instant now) {
        ObjectNode twin = JSON.objectNode();
        twin.put("deviceId", deviceId);
        twin.put("moduleId", moduleId);
        common(twin, now);
        return twin;
    }

    /**
     * A fresh etag for an identity. Random rather than counted, so a device deleted and created again never takes
     * the etag an old client still holds.
     */
    public static String newDeviceEtag() {
        byte[] bytes = new byte[9];
        ThreadLocalRandom.current().nextBytes(bytes);
        return Base64.getEncoder().encodeToString(bytes);
    }

    private static void common(ObjectNode twin, Instant now) {
        twin.put("etag", "AAAAAAAAAAE=");
        twin.put("deviceEtag", newDeviceEtag());
        twin.put("status", "enabled");
        twin.put("statusUpdateTime", NEVER);
        twin.put("connectionState", "Disconnected");
        twin.put("lastActivityTime", now.toString());
        twin.put("cloudToDeviceMessageCount", 0);
        twin.put("authenticationType", "sas");
        ObjectNode thumbprint = twin.putObject("x509Thumbprint");
        thumbprint.putNull("primaryThumbprint");
        thumbprint.putNull("secondaryThumbprint");
        twin.put("modelId", "");
        twin.put("version", 1);
        twin.putObject("tags");
        ObjectNode properties = twin.putObject("properties");
        for (String side : new String[]{"desired", "reported"}) {
            ObjectNode part = properties.putObject(side);
            part.putObject("$metadata").put("$lastUpdated", now.toString());
            part.put("$version", 1);
        }
        twin.putObject("capabilities").put("iotEdge", false);
    }
}
