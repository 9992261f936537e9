package io.vigil.testing;

import io.smallrye.jwt.build.Jwt;

import java.nio.charset.StandardCharsets;
import java.security.KeyFactory;
import java.security.PrivateKey;
import java.security.spec.PKCS8EncodedKeySpec;
import java.time.Duration;
import java.util.Base64;
import java.util.List;
import java.util.Set;

/** Bearer tokens for tests, signed with the test key that {@link VigilTestResource} makes services trust. */
public final class TestTokens {

    private static final PrivateKey KEY = loadKey();

    private TestTokens() {
    }

    public static String admin() {
        return withRoles("reader", "operator", "admin");
    }

    public static String operator() {
        return withRoles("reader", "operator");
    }

    public static String reader() {
        return withRoles("reader");
    }

    public static String withRoles(String... roles) {
        return forSubject("test-user", roles);
    }

    /** A token of another caller: the services count requests (rate limit) and record actions by subject. */
    public static String forSubject(String subject, String... roles) {
        return Jwt.issuer("vigil").upn(subject).groups(Set.of(roles))
                .expiresIn(Duration.ofHours(1)).sign(KEY);
    }

    /** A token that may see and change only the named hubs (the {@code hubs} claim, hub names of vigil.hubs.*). */
    public static String scopedTo(List<String> hubs, String... roles) {
        return Jwt.issuer("vigil").upn("scoped-user").groups(Set.of(roles)).claim("hubs", hubs)
                .expiresIn(Duration.ofHours(1)).sign(KEY);
    }

    /** A token signed with the trusted key whose {@code exp} has passed. */
    public static String expired(String... roles) {
        return Jwt.issuer("vigil").upn("test-user").groups(Set.of(roles))
                .issuedAt(java.time.Instant.now().minus(Duration.ofHours(2)))
                .expiresAt(java.time.Instant.now().minus(Duration.ofMinutes(10))).sign(KEY);
    }

    /** A token with the right roles that the services must still refuse: signed by a key they do not trust. */
    public static String forged() {
        try {
            var generator = java.security.KeyPairGenerator.getInstance("RSA");
            generator.initialize(2048);
            return Jwt.issuer("vigil").upn("intruder").groups(Set.of("reader", "operator", "admin"))
                    .expiresIn(Duration.ofHours(1)).sign(generator.generateKeyPair().getPrivate());
        } catch (java.security.GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }

    private static PrivateKey loadKey() {
        try (var in = TestTokens.class.getResourceAsStream("/vigil-test-keys/privateKey.pem")) {
            String pem = new String(in.readAllBytes(), StandardCharsets.US_ASCII)
                    .replaceAll("-----[A-Z ]+-----", "").replaceAll("\\s", "");
            return KeyFactory.getInstance("RSA").generatePrivate(new PKCS8EncodedKeySpec(Base64.getDecoder().decode(pem)));
        } catch (Exception e) {
            throw new IllegalStateException("the test signing key is unreadable", e);
        }
    }
}
