package io.vigil.platform.security;

import io.smallrye.jwt.auth.principal.DefaultJWTParser;
import io.smallrye.jwt.auth.principal.ParseException;
import jakarta.annotation.Priority;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Alternative;
import org.eclipse.microprofile.jwt.JsonWebToken;

import java.time.Clock;

/**
 * The JWT parser the bearer-token authentication uses: the extension's own (it injects its key and settings into
 * the fields this class inherits), with each token's successful verification remembered for a while
 * ({@link VerifiedTokenConfig}). Every other kind of parse is the extension's, unchanged.
 */
@Alternative
@Priority(1)
@ApplicationScoped
public class CachingJwtParser extends DefaultJWTParser {

    private final VerifiedTokens verified;

    CachingJwtParser(VerifiedTokenConfig config) {
        this.verified = new VerifiedTokens(config.maxEntries(), config.maxAge(), Clock.systemUTC());
    }

    @Override
    public JsonWebToken parse(String token) throws ParseException {
        return verified.verify(token, super::parse);
    }
}
