package io.vigil.twin.registry;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.vigil.twin.http.TwinApiException;

import java.time.Instant;
import java.util.Base64;
import java.util.Locale;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * What an operator asks an identity to be, read from the body of {@code PUT /devices/{id}} or
 * {@code PUT /devices/{id}/modules/{moduleId}} in IoT Hub's shape. Read-only fields the body may carry back from a
 * GET ({@code etag}, {@code generationId}, {@code connectionState}, ...) are ignored, as IoT Hub does.
 *
 * @param primaryKey   base64, 16 to 64 bytes; {@code null} for "keep the current one, or generate one"
 * @param thumbprints  upper-case hex SHA-1 (40) or SHA-256 (64), only for {@code selfSigned}
 */
public record IdentitySpec(String status, String statusReason, AuthenticationType authenticationType,
                           String primaryKey, String secondaryKey, String primaryThumbprint, String secondaryThumbprint,
                           boolean iotEdge, String managedBy) {

    /** How an identity proves itself to the broker. */
    public enum AuthenticationType {
        SAS("sas"), SELF_SIGNED("selfSigned"), CERTIFICATE_AUTHORITY("certificateAuthority"), NONE("none");

        private final String wireName;

        AuthenticationType(String wireName) {
            this.wireName = wireName;
        }

        public String wireName() {
            return wireName;
        }

        static AuthenticationType parse(String value) {
            for (AuthenticationType type : values()) {
                if (type.wireName.equals(value)) {
                    return type;
                }
            }
            throw TwinApiException.invalid("authentication.type must be sas, selfSigned, certificateAuthority or none, not " + value);
        }
    }

    private static final Set<String> STATUSES = Set.of("enabled", "disabled");
    private static final Pattern THUMBPRINT = Pattern.compile("[0-9A-Fa-f]{40}|[0-9A-Fa-f]{64}");
    private static final int MAX_STATUS_REASON = 128;

    /** Reads and checks a PUT body for the identity at {@code deviceId} / {@code moduleId} ('' for the device). */
    public static IdentitySpec parse(JsonNode body, String deviceId, String moduleId) {
        if (body == null || !body.isObject()) {
            throw TwinApiException.invalid("the body must be a JSON object in the shape of a " + (moduleId.isEmpty() ? "device" : "module"));
        }
        requireSame(body, "deviceId", deviceId);
        if (!moduleId.isEmpty()) {
            requireSame(body, "moduleId", moduleId);
        }
        String status = optionalText(body, "status", "enabled");
        if (!STATUSES.contains(status)) {
            throw TwinApiException.invalid("status must be enabled or disabled, not " + status);
        }
        if (!moduleId.isEmpty() && body.has("status") && !"enabled".equals(status)) {
            throw TwinApiException.invalid("a module has no status of its own: disable its device instead");
        }
        String statusReason = optionalText(body, "statusReason", null);
        if (statusReason != null && statusReason.length() > MAX_STATUS_REASON) {
            throw TwinApiException.invalid("statusReason is limited to " + MAX_STATUS_REASON + " characters");
        }
        JsonNode authentication = body.path("authentication");
        if (!authentication.isMissingNode() && !authentication.isNull() && !authentication.isObject()) {
            throw TwinApiException.invalid("authentication must be an object");
        }
        AuthenticationType type = AuthenticationType.parse(optionalText(authentication, "type", "sas"));
        String primaryKey = key(authentication, "primaryKey");
        String secondaryKey = key(authentication, "secondaryKey");
        String primaryThumbprint = thumbprint(authentication, "primaryThumbprint");
        String secondaryThumbprint = thumbprint(authentication, "secondaryThumbprint");
        if (type != AuthenticationType.SAS && (primaryKey != null || secondaryKey != null)) {
            throw TwinApiException.invalid("symmetric keys belong to authentication type sas only, not " + type.wireName());
        }
        if (type == AuthenticationType.SELF_SIGNED) {
            if (primaryThumbprint == null) {
                throw TwinApiException.invalid("authentication type selfSigned needs x509Thumbprint.primaryThumbprint");
            }
        } else if (primaryThumbprint != null || secondaryThumbprint != null) {
            throw TwinApiException.invalid("thumbprints belong to authentication type selfSigned only, not " + type.wireName());
        }
        boolean iotEdge = body.path("capabilities").path("iotEdge").asBoolean(false);
        if (!moduleId.isEmpty() && iotEdge) {
            throw TwinApiException.invalid("capabilities belong to devices, not modules");
        }
        String managedBy = moduleId.isEmpty() ? null : optionalText(body, "managedBy", null);
        return new IdentitySpec(status, statusReason, type, primaryKey, secondaryKey, primaryThumbprint, secondaryThumbprint,
                iotEdge, managedBy);
    }

    /** Writes this identity's public facts into its twin document, with a new identity etag. */
    public void applyTo(ObjectNode twin, String newEtag, Instant now) {
        if (!twin.has("moduleId")) {
            if (!status.equals(twin.path("status").asText())) {
                twin.put("statusUpdateTime", now.toString());
            }
            twin.put("status", status);
            if (statusReason == null) {
                twin.remove("statusReason");
            } else {
                twin.put("statusReason", statusReason);
            }
            twin.putObject("capabilities").put("iotEdge", iotEdge);
        } else if (managedBy == null) {
            twin.remove("managedBy");
        } else {
            twin.put("managedBy", managedBy);
        }
        twin.put("authenticationType", authenticationType.wireName());
        ObjectNode x509 = twin.putObject("x509Thumbprint");
        x509.put("primaryThumbprint", primaryThumbprint);
        x509.put("secondaryThumbprint", secondaryThumbprint);
        twin.put("deviceEtag", newEtag);
    }

    private static void requireSame(JsonNode body, String field, String expected) {
        JsonNode value = body.path(field);
        if (!value.isMissingNode() && !value.isNull() && !expected.equals(value.asText())) {
            throw TwinApiException.invalid(field + " " + value.asText() + " in the body differs from " + expected + " in the path");
        }
    }

    private static String optionalText(JsonNode node, String field, String otherwise) {
        JsonNode value = node.path(field);
        if (value.isMissingNode() || value.isNull()) {
            return otherwise;
        }
        if (!value.isTextual()) {
            throw TwinApiException.invalid(field + " must be a string");
        }
        return value.asText();
    }

    private static String key(JsonNode authentication, String field) {
        String key = optionalText(authentication.path("symmetricKey"), field, null);
        if (key == null || key.isEmpty()) {
            return null;
        }
        byte[] bytes;
        try {
            bytes = Base64.getDecoder().decode(key);
        } catch (IllegalArgumentException e) {
            throw TwinApiException.invalid("symmetricKey." + field + " is not base64");
        }
        if (bytes.length < 16 || bytes.length > 64) {
            throw TwinApiException.invalid("symmetricKey." + field + " must be 16 to 64 bytes, not " + bytes.length);
        }
        return key;
    }

    private static String thumbprint(JsonNode authentication, String field) {
        String thumbprint = optionalText(authentication.path("x509Thumbprint"), field, null);
        if (thumbprint == null || thumbprint.isEmpty()) {
            return null;
        }
        if (!THUMBPRINT.matcher(thumbprint).matches()) {
            throw TwinApiException.invalid("x509Thumbprint." + field + " must be a SHA-1 (40) or SHA-256 (64) hex digest");
        }
        return thumbprint.toUpperCase(Locale.ROOT);
    }
}
