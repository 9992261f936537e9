package io.vigil.twin.certificates;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;

import java.time.Instant;

/**
 * A CA certificate of a hub, in the shape of IoT Hub's certificates resource. Uploaded by an admin, it counts as
 * verified (IoT Hub's "verified on upload"): devices of authentication type {@code certificateAuthority} may present
 * certificates it issued.
 */
public record CaCertificate(String hub, String name, String etag, String pem, String subject, String thumbprint, Instant expiry,
                            Instant created, Instant updated) {

    public ObjectNode toJson() {
        ObjectNode json = JsonNodeFactory.instance.objectNode();
        json.put("name", name);
        json.put("etag", etag);
        json.put("type", "Microsoft.Devices/IotHubs/Certificates");
        ObjectNode properties = json.putObject("properties");
        properties.put("subject", subject);
        properties.put("expiry", expiry.toString());
        properties.put("thumbprint", thumbprint);
        properties.put("isVerified", true);
        properties.put("created", created.toString());
        properties.put("updated", updated.toString());
        properties.put("certificate", pem);
        return json;
    }
}
