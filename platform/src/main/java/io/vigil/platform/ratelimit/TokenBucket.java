package io.vigil.platform.ratelimit;

/**
 * One client's allowance: {@code capacity} tokens, refilled at {@code perSecond}; a request takes one. Time is passed
 * in (nanoseconds of {@link System#nanoTime()}) so that tests need no clock and no sleep.
 */
final class TokenBucket {

    private static final double NANOS_PER_SECOND = 1_000_000_000d;

    private final double capacity;
    private final double tokensPerNano;
    private double tokens;
    private long refilledAt;

    TokenBucket(int capacity, int perSecond, long now) {
        this.capacity = capacity;
        this.tokensPerNano = perSecond / NANOS_PER_SECOND;
        this.tokens = capacity;
        this.refilledAt = now;
    }

    /** Takes a token: 0 when the request may go, else the nanoseconds until one will be there. */
    synchronized long take(long now) {
        refill(now);
        if (tokens >= 1) {
            tokens -= 1;
            return 0;
        }
        return (long) Math.ceil((1 - tokens) / tokensPerNano);
    }

    /** Full again: the client has been away long enough that forgetting it changes nothing. */
    synchronized boolean isFull(long now) {
        refill(now);
        return tokens >= capacity;
    }

    private void refill(long now) {
        long elapsed = now - refilledAt;
        if (elapsed > 0) {
            tokens = Math.min(capacity, tokens + elapsed * tokensPerNano);
            refilledAt = now;
        }
    }
}
