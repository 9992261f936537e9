package io.vigil.platform.security;

import org.eclipse.microprofile.jwt.JsonWebToken;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Bearer tokens whose verification succeeded, each kept until the earlier of its {@code exp} and {@code maxAge}
 * after the check. Only successes are kept: a token that fails is checked again on every call. Keys are SHA-256
 * digests of the token, so the map never compares a caller's token with a stored one byte by byte, and the map
 * holds at most {@code maxEntries} tokens. Thread-safe.
 */
final class VerifiedTokens {

    /** Checks a token the slow way: signature, issuer, expiry; throws when it does not verify. */
    @FunctionalInterface
    interface Verifier<E extends Exception> {
        JsonWebToken verify(String token) throws E;
    }

    private record Entry(JsonWebToken token, Instant until) {
    }

    private final int maxEntries;
    private final Duration maxAge;
    private final Clock clock;
    private final Map<String, Entry> entries = new ConcurrentHashMap<>();

    VerifiedTokens(int maxEntries, Duration maxAge, Clock clock) {
        if (maxEntries < 0) {
            throw new IllegalArgumentException("vigil.security.verified-tokens.max-entries must not be negative; was " + maxEntries);
        }
        if (maxAge.isNegative()) {
            throw new IllegalArgumentException("vigil.security.verified-tokens.max-age must not be negative; was " + maxAge);
        }
        this.maxEntries = maxEntries;
        this.maxAge = maxAge;
        this.clock = clock;
    }

    <E extends Exception> JsonWebToken verify(String token, Verifier<E> verifier) throws E {
        if (maxEntries == 0 || maxAge.isZero()) {
            return verifier.verify(token);
        }
        String key = digest(token);
        Instant now = clock.instant();
        Entry known = entries.get(key);
        if (known != null && now.isBefore(known.until())) {
            return known.token();
        }
        JsonWebToken verified = verifier.verify(token);
        Instant until = now.plus(maxAge);
        // exp is in whole seconds; a token without one (the verifier requires it by default) is kept for maxAge.
        if (verified.getExpirationTime() > 0) {
            Instant expires = Instant.ofEpochSecond(verified.getExpirationTime());
            until = expires.isBefore(until) ? expires : until;
        }
        if (now.isBefore(until)) {
            makeRoom(now);
            entries.put(key, new Entry(verified, until));
        }
        return verified;
    }

    int size() {
        return entries.size();
    }

    /** Drops what has expired; when every entry is still valid, drops them all rather than grow past the bound. */
    private void makeRoom(Instant now) {
        if (entries.size() < maxEntries) {
            return;
        }
        entries.values().removeIf(entry -> !now.isBefore(entry.until()));
        if (entries.size() >= maxEntries) {
            entries.clear();
        }
    }

    private static String digest(String token) {
        try {
            byte[] hash = MessageDigest.getInstance("SHA-256").digest(token.getBytes(StandardCharsets.UTF_8));
            return Base64.getEncoder().encodeToString(hash);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is part of every Java runtime", e);
        }
    }
}
