package io.vigil.platform.ratelimit;

import org.junit.jupiter.api.Test;

import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;

/** The token buckets on a clock of their own: a burst, then the sustained rate, per client, in bounded memory. */
class RateLimiterTest {

    private static final long SECOND = TimeUnit.SECONDS.toNanos(1);

    @Test
    void aClientGetsItsBurstThenWaitsForTheNextToken() {
        RateLimiter limiter = new RateLimiter(3, 2, 100, 10 * SECOND, 0);
        assertThat(limiter.acquire("a", 0)).isZero();
        assertThat(limiter.acquire("a", 0)).isZero();
        assertThat(limiter.acquire("a", 0)).isZero();
        assertThat(limiter.acquire("a", 0)).as("two tokens a second: the next in half a second").isEqualTo(SECOND / 2);
        assertThat(limiter.acquire("a", SECOND / 4)).isEqualTo(SECOND / 4);
        assertThat(limiter.acquire("a", SECOND / 2)).isZero();
        assertThat(limiter.acquire("a", SECOND / 2)).isPositive();
    }

    @Test
    void theSustainedRateIsTheRefillRate() {
        RateLimiter limiter = new RateLimiter(5, 10, 100, 10 * SECOND, 0);
        int allowed = 0;
        for (long t = 0; t < 10 * SECOND; t += SECOND / 100) {
            if (limiter.acquire("a", t) == 0) {
                allowed++;
            }
        }
        assertThat(allowed).as("the burst plus ten a second for ten seconds").isBetween(104, 106);
    }

    @Test
    void clientsDoNotShareABucket() {
        RateLimiter limiter = new RateLimiter(1, 1, 100, 10 * SECOND, 0);
        assertThat(limiter.acquire("a", 0)).isZero();
        assertThat(limiter.acquire("a", 0)).isPositive();
        assertThat(limiter.acquire("b", 0)).isZero();
    }

    @Test
    void idleClientsAreForgottenAndTheBucketsStayBounded() {
        RateLimiter limiter = new RateLimiter(2, 1, 3, SECOND, 0);
        for (String client : new String[]{"a", "b", "c", "d", "e"}) {
            limiter.acquire(client, 0);
            limiter.acquire(client, 0);
        }
        assertThat(limiter.trackedClients()).as("at most max-clients").isEqualTo(3);
        assertThat(limiter.acquire("f", 0)).as("beyond them, new clients share the overflow bucket, which d and e emptied")
                .isPositive();

        limiter.acquire("a", 10 * SECOND);
        assertThat(limiter.trackedClients()).as("refilled buckets are dropped; a is counted afresh").isEqualTo(1);
        assertThat(limiter.acquire("b", 10 * SECOND)).isZero();
    }

    @Test
    void aClientThatKeepsSendingIsNotEvicted() {
        RateLimiter limiter = new RateLimiter(2, 1, 10, SECOND, 0);
        limiter.acquire("a", 0);
        limiter.acquire("a", 0);
        limiter.acquire("b", 2 * SECOND);
        assertThat(limiter.acquire("a", 2 * SECOND)).as("a refilled completely and was forgotten: a fresh bucket").isZero();
        limiter.acquire("a", 2 * SECOND);
        limiter.acquire("a", 2 * SECOND);
        limiter.acquire("b", 3 * SECOND + 1);
        assertThat(limiter.acquire("a", 3 * SECOND + 1)).as("a was not full, so it kept its count").isZero();
        assertThat(limiter.acquire("a", 3 * SECOND + 1)).isPositive();
    }
}
