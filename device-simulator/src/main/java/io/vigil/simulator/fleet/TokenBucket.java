package io.vigil.simulator.fleet;

import java.util.function.LongSupplier;

/**
 * Rate limiting for the whole fleet: tokens accrue at {@code ratePerSecond} up to {@code capacity}, and each
 * message takes one. Over any stretch of time {@code t} at most {@code capacity + rate * t} messages go out, and
 * the rate is reached as long as someone is there to take the tokens.
 * <p>
 * The capacity bounds the catch-up burst after a pause (a slow broker, a GC), so the rate stays smooth.
 * Thread-safe; the clock is injectable so the arithmetic can be tested without waiting.
 */
public final class TokenBucket {

    private static final double NANOS_PER_SECOND = 1_000_000_000d;

    private final double tokensPerNano;
    private final double capacity;
    private final LongSupplier nanoClock;
    private double tokens;
    private long lastRefillNanos;

    public TokenBucket(double ratePerSecond, double capacity, LongSupplier nanoClock) {
        if (!(ratePerSecond > 0)) {
            throw new IllegalArgumentException("rate must be positive, got " + ratePerSecond);
        }
        if (capacity < 1) {
            throw new IllegalArgumentException("capacity must be at least one token, got " + capacity);
        }
        this.tokensPerNano = ratePerSecond / NANOS_PER_SECOND;
        this.capacity = capacity;
        this.nanoClock = nanoClock;
        this.lastRefillNanos = nanoClock.getAsLong();
        // One token up front so the first message does not wait a whole interval.
        this.tokens = 1;
    }

    /**
     * A bucket for a fleet-wide rate: it may hold a tenth of a second's worth of messages (at least one), enough
     * to ride out timer jitter without letting through a noticeable burst.
     */
    public static TokenBucket forRate(double ratePerSecond, LongSupplier nanoClock) {
        return new TokenBucket(ratePerSecond, Math.max(1, ratePerSecond / 10), nanoClock);
    }

    /** Takes a token if one is there. */
    public synchronized boolean tryTake() {
        refill();
        if (tokens >= 1) {
            tokens -= 1;
            return true;
        }
        return false;
    }

    /** Whole tokens available now. */
    public synchronized long available() {
        refill();
        return (long) tokens;
    }

    /** How long until a token is there: zero if one is there now. */
    public synchronized long nanosUntilNextToken() {
        refill();
        if (tokens >= 1) {
            return 0;
        }
        return (long) Math.ceil((1 - tokens) / tokensPerNano);
    }

    private void refill() {
        long now = nanoClock.getAsLong();
        long elapsed = now - lastRefillNanos;
        if (elapsed > 0) {
            tokens = Math.min(capacity, tokens + elapsed * tokensPerNano);
            lastRefillNanos = now;
        }
    }
}
