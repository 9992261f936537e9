package io.vigil.platform.ratelimit;

import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;

/**
 * A token bucket per client key, in memory of this replica. A client's bucket that has refilled completely is
 * dropped at the next eviction, since a new bucket would be the same; at {@code maxClients} a new client shares one
 * overflow bucket until room is made, so many keys cannot grow the map without bound.
 */
public final class RateLimiter {

    private final int capacity;
    private final int perSecond;
    private final int maxClients;
    private final long evictEveryNanos;
    private final ConcurrentHashMap<String, TokenBucket> buckets = new ConcurrentHashMap<>();
    private final TokenBucket overflow;
    private final AtomicLong lastEviction;

    public RateLimiter(int burst, int perSecond, int maxClients, long evictEveryNanos, long now) {
        if (burst < 1 || perSecond < 1 || maxClients < 1) {
            throw new IllegalArgumentException("vigil.http.rate-limit: burst, requests-per-second and max-clients must be at least 1");
        }
        this.capacity = burst;
        this.perSecond = perSecond;
        this.maxClients = maxClients;
        this.evictEveryNanos = evictEveryNanos;
        this.overflow = new TokenBucket(burst, perSecond, now);
        this.lastEviction = new AtomicLong(now);
    }

    /** Counts a request of this client: 0 when it may go, else the nanoseconds until it may try again. */
    public long acquire(String client, long now) {
        evictIfDue(now);
        TokenBucket bucket = buckets.get(client);
        if (bucket == null) {
            bucket = buckets.size() < maxClients
                    ? buckets.computeIfAbsent(client, key -> new TokenBucket(capacity, perSecond, now))
                    : overflow;
        }
        return bucket.take(now);
    }

    /** Clients tracked now (for tests and metrics). */
    public int trackedClients() {
        return buckets.size();
    }

    /** Drops the buckets of idle clients; one caller does it per interval, the others go on at once. */
    void evictIfDue(long now) {
        long last = lastEviction.get();
        if (now - last >= evictEveryNanos && lastEviction.compareAndSet(last, now)) {
            buckets.values().removeIf(bucket -> bucket.isFull(now));
        }
    }
}
