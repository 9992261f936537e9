package io.vigil.twin.certificates;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;

import java.time.Instant;

/**
 * A CA certificate of a hub, in the shape of IoT Hub's certificates resource. Only a verified one is a trust anchor
 * for devices of authentication type {@code certificateAuthority}: verified by proof of possession of its key
 * ({@link ProofOfPossession}), or on upload when an admin asserted it.
 *
 * @param verificationCode the pending proof-of-possession challenge, null when none was asked for; only the answer
 *                         to generateVerificationCode shows it, as in IoT Hub
 */
public record CaCertificate(String hub, String name, String etag, String pem, String subject, String thumbprint, Instant expiry,
                            boolean verified, String verificationCode, Instant created, Instant updated) {

    /** IoT Hub's CertificateDescription. */
    public ObjectNode toJson() {
        ObjectNode json = JsonNodeFactory.instance.objectNode();
        json.put("name", name);
        json.put("etag", etag);
        json.put("type", "Microsoft.Devices/IotHubs/Certificates");
        ObjectNode properties = json.putObject("properties");
        properties.put("subject", subject);
        properties.put("expiry", expiry.toString());
        properties.put("thumbprint", thumbprint);
        properties.put("isVerified", verified);
        properties.put("created", created.toString());
        properties.put("updated", updated.toString());
        properties.put("certificate", pem);
        return json;
    }

    /** IoT Hub's CertificateWithNonceDescription: the description with the verification code to sign. */
    public ObjectNode toJsonWithCode() {
        ObjectNode json = toJson();
        ((ObjectNode) json.get("properties")).put("verificationCode", verificationCode);
        return json;
    }
}
