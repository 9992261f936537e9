package io.vigil.stack.brokerauth;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.util.Base64;

/**
 * The broker credentials of the suite's own services, made afresh for every run of the embedded broker: the
 * services get them in their environment, nothing else ever sees them, and only they may use the internal
 * {@code vigil/} topics.
 */
public record ServiceAccount(String username, String password) {

    public static ServiceAccount generate() {
        byte[] secret = new byte[32];
        new SecureRandom().nextBytes(secret);
        return new ServiceAccount("vigil-services", Base64.getUrlEncoder().withoutPadding().encodeToString(secret));
    }

    /** True for this account's username and password; the password compares in constant time. */
    boolean matches(String username, byte[] password) {
        return this.username.equals(username) && MessageDigest.isEqual(this.password.getBytes(StandardCharsets.UTF_8), password);
    }
}
