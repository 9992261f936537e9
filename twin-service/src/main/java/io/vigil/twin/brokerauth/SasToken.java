package io.vigil.twin.brokerauth;

import io.vigil.contracts.hub.DeviceCredentials;

import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.time.Instant;
import java.util.Base64;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;

/**
 * A shared access signature as IoT Hub devices send it for a password:
 * {@code SharedAccessSignature sr={URL-encoded resource}&sig={URL-encoded base64 signature}&se={expiry, epoch seconds}}.
 * The signature ({@link DeviceCredentials#signature}) is checked over the resource exactly as the token writes it:
 * verifying the resource as written means every SDK's URL encoding works.
 *
 * @param encodedResource the {@code sr} value as sent
 * @param resource        the same, URL-decoded
 */
public record SasToken(String encodedResource, String resource, byte[] signature, long expiry, String policyName) {

    private static final String PREFIX = DeviceCredentials.SAS_PREFIX;

    /** Reads a password; empty when it is no SAS token. */
    public static Optional<SasToken> parse(String password) {
        if (password == null || !password.startsWith(PREFIX) || password.length() > 4096) {
            return Optional.empty();
        }
        Map<String, String> fields = new HashMap<>();
        for (String pair : password.substring(PREFIX.length()).split("&")) {
            int equals = pair.indexOf('=');
            if (equals <= 0 || fields.put(pair.substring(0, equals), pair.substring(equals + 1)) != null) {
                return Optional.empty();
            }
        }
        String sr = fields.get("sr");
        String sig = fields.get("sig");
        String se = fields.get("se");
        if (sr == null || sig == null || se == null) {
            return Optional.empty();
        }
        try {
            byte[] signature = Base64.getDecoder().decode(URLDecoder.decode(sig, StandardCharsets.UTF_8));
            return Optional.of(new SasToken(sr, URLDecoder.decode(sr, StandardCharsets.UTF_8), signature, Long.parseLong(se),
                    fields.get("skn")));
        } catch (IllegalArgumentException e) {
            return Optional.empty();
        }
    }

    public boolean expiredAt(Instant now) {
        return expiry <= now.getEpochSecond();
    }

    /** True when this token was signed with the given base64 key; compares in constant time. */
    public boolean signedWith(String base64Key) {
        if (base64Key == null) {
            return false;
        }
        return MessageDigest.isEqual(DeviceCredentials.signature(base64Key, encodedResource, expiry), signature);
    }
}
