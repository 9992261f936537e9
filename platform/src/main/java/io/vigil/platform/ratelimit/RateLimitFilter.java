package io.vigil.platform.ratelimit;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.quarkus.security.identity.SecurityIdentity;
import io.quarkus.vertx.http.runtime.filters.Filters;
import io.quarkus.vertx.http.runtime.security.QuarkusHttpUser;
import io.quarkus.vertx.http.runtime.security.SecurityHandlerPriorities;
import io.vertx.core.http.HttpHeaders;
import io.vertx.core.net.SocketAddress;
import io.vertx.ext.web.RoutingContext;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import org.eclipse.microprofile.jwt.JsonWebToken;

import java.util.List;
import java.util.Set;
import java.util.concurrent.TimeUnit;

/**
 * Limits every HTTP request of a client, before any resource runs. A Vert.x filter rather than a REST filter so that
 * every route counts, and placed after Quarkus' authentication and authorization handlers
 * ({@link SecurityHandlerPriorities}; a filter of priority p runs at route order -p) so that the caller's verified
 * identity is known: a token's subject is trusted only once its signature is. Requests that authentication itself
 * refuses (a bad or expired token) end there with a 401 and are not counted.
 */
@ApplicationScoped
public class RateLimitFilter {

    /** After authorization (100), before the resources (route order 10000 and up). */
    static final int PRIORITY = SecurityHandlerPriorities.AUTHORIZATION - 50;

    static final String ERROR_BODY = "{\"error\":{\"code\":\"rate-limit.exceeded\",\"message\":"
            + "\"too many requests from this client; retry after the number of seconds in Retry-After\"}}";

    private final RateLimitConfig config;
    private final RateLimiter limiter;
    private final List<String> exemptPaths;
    private final Set<String> exemptRoles;
    private final Counter refused;

    RateLimitFilter(RateLimitConfig config, MeterRegistry registry) {
        this.config = config;
        this.limiter = new RateLimiter(config.burst(), config.requestsPerSecond(), config.maxClients(),
                config.evictEvery().toNanos(), System.nanoTime());
        this.exemptPaths = List.copyOf(config.exemptPaths());
        this.exemptRoles = Set.copyOf(config.exemptRoles());
        this.refused = Counter.builder("vigil_http_rate_limited")
                .description("HTTP requests refused with 429 because their client was over its request rate")
                .register(registry);
    }

    void register(@Observes Filters filters) {
        if (config.enabled()) {
            filters.register(this::handle, PRIORITY);
        }
    }

    void handle(RoutingContext rc) {
        if (isExemptPath(rc.normalizedPath())) {
            rc.next();
            return;
        }
        SecurityIdentity identity = rc.user() instanceof QuarkusHttpUser user ? user.getSecurityIdentity() : null;
        boolean authenticated = identity != null && !identity.isAnonymous();
        if (authenticated && !exemptRoles.isEmpty() && identity.getRoles().stream().anyMatch(exemptRoles::contains)) {
            rc.next();
            return;
        }
        long waitNanos = limiter.acquire(authenticated ? "subject:" + subjectOf(identity) : "address:" + addressOf(rc),
                System.nanoTime());
        if (waitNanos == 0) {
            rc.next();
            return;
        }
        refused.increment();
        long retryAfterSeconds = Math.max(1, TimeUnit.NANOSECONDS.toSeconds(waitNanos + TimeUnit.SECONDS.toNanos(1) - 1));
        rc.response().setStatusCode(429)
                .putHeader("Retry-After", Long.toString(retryAfterSeconds))
                .putHeader(HttpHeaders.CONTENT_TYPE, "application/json")
                .end(ERROR_BODY);
    }

    private boolean isExemptPath(String path) {
        for (String prefix : exemptPaths) {
            if (path.startsWith(prefix)) {
                return true;
            }
        }
        return false;
    }

    /** The token's subject, or the name smallrye-jwt gives the caller (upn, preferred_username) when it has none. */
    private static String subjectOf(SecurityIdentity identity) {
        if (identity.getPrincipal() instanceof JsonWebToken jwt && jwt.getSubject() != null) {
            return jwt.getSubject();
        }
        return identity.getPrincipal().getName();
    }

    private static String addressOf(RoutingContext rc) {
        SocketAddress address = rc.request().remoteAddress();
        return address == null ? "unknown" : address.hostAddress() != null ? address.hostAddress() : address.host();
    }
}
