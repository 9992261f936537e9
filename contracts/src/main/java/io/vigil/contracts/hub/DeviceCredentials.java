package io.vigil.contracts.hub;

import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.time.Instant;
import java.util.Base64;

/**
 * How a device logs in to the broker, as IoT Hub devices do, so that the service that checks logins and every
 * client that makes them (the simulator, tests) agree: the username {@code {host}/{deviceId}/?api-version=...} and a
 * shared access signature {@code SharedAccessSignature sr={resource}&sig={signature}&se={expiry}} whose signature
 * is HMAC-SHA256, keyed with the base64-decoded device key, over the URL-encoded resource, a newline and the expiry.
 */
public final class DeviceCredentials {

    public static final String API_VERSION = "2021-04-12";
    public static final String SAS_PREFIX = "SharedAccessSignature ";

    private DeviceCredentials() {
    }

    /** The MQTT username of a device (moduleId '' ) or module. */
    public static String username(String host, String deviceId, String moduleId) {
        return host + "/" + deviceId + (moduleId.isEmpty() ? "" : "/" + moduleId) + "/?api-version=" + API_VERSION;
    }

    /** The resource a device's (or module's) token is scoped to. */
    public static String resource(String host, String deviceId, String moduleId) {
        return host + "/devices/" + deviceId + (moduleId.isEmpty() ? "" : "/modules/" + moduleId);
    }

    /** A SAS token for a resource, signed with a base64 key, valid until {@code expiry}. */
    public static String sasToken(String resource, String base64Key, Instant expiry) {
        String encodedResource = URLEncoder.encode(resource, StandardCharsets.UTF_8);
        long se = expiry.getEpochSecond();
        String signature = Base64.getEncoder().encodeToString(signature(base64Key, encodedResource, se));
        return SAS_PREFIX + "sr=" + encodedResource + "&sig=" + URLEncoder.encode(signature, StandardCharsets.UTF_8) + "&se=" + se;
    }

    /** The signature of a resource, as the token writes it, and an expiry with a base64 key. */
    public static byte[] signature(String base64Key, String encodedResource, long expiry) {
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(Base64.getDecoder().decode(base64Key), "HmacSHA256"));
            return mac.doFinal((encodedResource + "\n" + expiry).getBytes(StandardCharsets.UTF_8));
        } catch (GeneralSecurityException | IllegalArgumentException e) {
            throw new IllegalStateException("cannot sign with this key", e);
        }
    }
}
