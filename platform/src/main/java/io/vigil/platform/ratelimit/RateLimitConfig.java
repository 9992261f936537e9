package io.vigil.platform.ratelimit;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

import java.time.Duration;
import java.util.List;
import java.util.Set;

/**
 * The request rate each HTTP client may use: a token bucket per client (its token's subject, or its address when it
 * sends no token) on every route except health and metrics.
 *
 * <p>The defaults sit well above what one operator's client reaches by itself: the benchmarks run one call at a time,
 * and the cheapest call through a service (one twin by id) takes about 4 ms on the development machine, so a single
 * sequential client stays under 250 requests a second. A script that fires in parallel or a client stuck in a loop
 * meets the limit; a person or a benchmark does not.
 */
@ConfigMapping(prefix = "vigil.http.rate-limit")
public interface RateLimitConfig {

    /** Off lets every request through uncounted. */
    @WithDefault("true")
    boolean enabled();

    /** Sustained requests a second per client: the rate at which its bucket refills. */
    @WithDefault("500")
    int requestsPerSecond();

    /** Requests a client may make at once after a quiet spell: the bucket's size. */
    @WithDefault("1000")
    int burst();

    /**
     * Clients tracked at once. Beyond that, new clients share one bucket until the eviction of idle clients makes
     * room, so memory stays bounded whatever the number of addresses a caller uses.
     */
    @WithDefault("10000")
    int maxClients();

    /** How often buckets that have refilled completely (idle clients) are dropped. */
    @WithDefault("10s")
    Duration evictEvery();

    /** Path prefixes that are never limited: probes and scrapes must answer whatever the load. */
    @WithDefault("/q/health,/q/metrics")
    List<String> exemptPaths();

    /**
     * Roles whose callers are never limited. The broker calls the device login backend once per device login, for
     * every device at once: limiting it as one client would refuse devices during a reconnection storm.
     */
    @WithDefault("broker")
    Set<String> exemptRoles();
}
