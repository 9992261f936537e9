package io.vigil.stack.launcher;

import java.time.Duration;
import java.time.Instant;
import java.util.function.Supplier;

/**
 * A bearer token for a component of the run command itself (the embedded broker's login check), signed with the
 * run's operator key and renewed before it runs out, so a suite left running for days keeps working.
 */
final class RenewedToken implements Supplier<String> {

    private static final Duration LIFETIME = Duration.ofHours(2);
    private static final Duration RENEW_AFTER = Duration.ofHours(1);

    private final OperatorKeys keys;
    private final String subject;
    private final String[] roles;
    private String token;
    private Instant issuedAt = Instant.MIN;

    RenewedToken(OperatorKeys keys, String subject, String... roles) {
        this.keys = keys;
        this.subject = subject;
        this.roles = roles.clone();
    }

    @Override
    public synchronized String get() {
        Instant now = Instant.now();
        if (token == null || now.isAfter(issuedAt.plus(RENEW_AFTER))) {
            token = keys.token(subject, LIFETIME, roles);
            issuedAt = now;
        }
        return token;
    }
}
