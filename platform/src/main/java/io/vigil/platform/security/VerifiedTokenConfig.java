package io.vigil.platform.security;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

import java.time.Duration;

/**
 * How long a bearer token, once its signature and claims have checked, is taken again without checking them anew.
 * RS256 verification was about a quarter of twin-service's CPU time on its smallest calls; an operator's client sends
 * the same token with every call, so checking it once per {@link #maxAge()} keeps that work off the request path.
 */
@ConfigMapping(prefix = "vigil.security.verified-tokens")
public interface VerifiedTokenConfig {

    /** Tokens remembered at once; 0 checks every token on every call. */
    @WithDefault("1000")
    int maxEntries();

    /**
     * The longest a token is taken on the strength of an earlier check; never past its own {@code exp}. This is also
     * how long a token signed with a key the verification key set no longer holds keeps working after the rotation.
     */
    @WithDefault("5m")
    Duration maxAge();
}
