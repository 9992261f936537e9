package io.vigil.platform.security;

import org.eclipse.microprofile.jwt.JsonWebToken;
import org.junit.jupiter.api.Test;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class VerifiedTokensTest {

    private static final Instant START = Instant.parse("2026-12-04T12:00:00Z");

    /** A clock the test moves by hand. */
    private static final class ManualClock extends Clock {
        private Instant now = START;

        @Override
        public ZoneId getZone() {
            return ZoneOffset.UTC;
        }

        @Override
        public Clock withZone(ZoneId zone) {
            return this;
        }

        @Override
        public Instant instant() {
            return now;
        }

        void advance(Duration by) {
            now = now.plus(by);
        }
    }

    /** The verifier: records each token it checks; a token starting with "bad" fails, others expire at the given time. */
    private static final class CountingVerifier implements VerifiedTokens.Verifier<IllegalArgumentException> {
        final List<String> checked = new ArrayList<>();
        final Map<String, Instant> expiry;

        CountingVerifier(Map<String, Instant> expiry) {
            this.expiry = expiry;
        }

        @Override
        public JsonWebToken verify(String token) {
            checked.add(token);
            if (token.startsWith("bad")) {
                throw new IllegalArgumentException("signature does not verify");
            }
            return new Token(token, expiry.getOrDefault(token, START.plus(Duration.ofHours(8))));
        }
    }

    private record Token(String name, Instant expires) implements JsonWebToken {
        @Override
        public String getName() {
            return name;
        }

        @Override
        public Set<String> getClaimNames() {
            return Set.of("exp");
        }

        @Override
        @SuppressWarnings("unchecked")
        public <T> T getClaim(String claim) {
            return "exp".equals(claim) ? (T) Long.valueOf(expires.getEpochSecond()) : null;
        }
    }

    private final ManualClock clock = new ManualClock();

    @Test
    void aTokenIsCheckedOnceAndTheSameVerifiedTokenComesBack() {
        VerifiedTokens tokens = new VerifiedTokens(10, Duration.ofMinutes(5), clock);
        CountingVerifier verifier = new CountingVerifier(Map.of());
        JsonWebToken first = tokens.verify("a", verifier);
        clock.advance(Duration.ofMinutes(4));
        assertThat(tokens.verify("a", verifier)).isSameAs(first);
        assertThat(tokens.verify("b", verifier).getName()).isEqualTo("b");
        assertThat(verifier.checked).containsExactly("a", "b");
    }

    @Test
    void aFailedCheckIsNeverRemembered() {
        VerifiedTokens tokens = new VerifiedTokens(10, Duration.ofMinutes(5), clock);
        CountingVerifier verifier = new CountingVerifier(Map.of());
        for (int i = 0; i < 3; i++) {
            assertThatThrownBy(() -> tokens.verify("bad-token", verifier)).hasMessageContaining("signature");
        }
        assertThat(verifier.checked).hasSize(3);
        assertThat(tokens.size()).isZero();
    }

    @Test
    void aTokenIsCheckedAgainAfterMaxAgeAndNeverTakenPastItsExpiry() {
        VerifiedTokens tokens = new VerifiedTokens(10, Duration.ofMinutes(5), clock);
        CountingVerifier verifier = new CountingVerifier(Map.of("short", START.plusSeconds(60)));
        tokens.verify("long", verifier);
        tokens.verify("short", verifier);
        clock.advance(Duration.ofSeconds(59));
        tokens.verify("long", verifier);
        tokens.verify("short", verifier);
        assertThat(verifier.checked).containsExactly("long", "short");
        clock.advance(Duration.ofSeconds(1));
        tokens.verify("short", verifier);
        assertThat(verifier.checked).containsExactly("long", "short", "short");
        clock.advance(Duration.ofMinutes(4));
        tokens.verify("long", verifier);
        assertThat(verifier.checked).containsExactly("long", "short", "short", "long");
    }

    @Test
    void theMapStaysWithinItsBound() {
        VerifiedTokens tokens = new VerifiedTokens(3, Duration.ofMinutes(5), clock);
        CountingVerifier verifier = new CountingVerifier(Map.of());
        for (int i = 0; i < 100; i++) {
            tokens.verify("token-" + i, verifier);
            assertThat(tokens.size()).isLessThanOrEqualTo(3);
        }
    }

    @Test
    void zeroEntriesChecksEveryCall() {
        VerifiedTokens tokens = new VerifiedTokens(0, Duration.ofMinutes(5), clock);
        CountingVerifier verifier = new CountingVerifier(Map.of());
        tokens.verify("a", verifier);
        tokens.verify("a", verifier);
        assertThat(verifier.checked).containsExactly("a", "a");
    }
}
