package com.hivematrix.shared.security;

import java.time.Duration;
import java.time.Instant;

import org.springframework.security.oauth2.core.OAuth2TokenValidator;
import org.springframework.security.oauth2.core.OAuth2TokenValidatorResult;
import org.springframework.security.oauth2.jwt.BadJwtException;
import org.springframework.security.oauth2.jwt.Jwt;
import org.springframework.security.oauth2.jwt.JwtDecoder;
import org.springframework.security.oauth2.jwt.JwtException;
import org.springframework.security.oauth2.jwt.JwtValidationException;

import com.github.benmanes.caffeine.cache.Caffeine;
import com.github.benmanes.caffeine.cache.Expiry;
import com.github.benmanes.caffeine.cache.LoadingCache;
import com.nimbusds.jose.KeySourceException;

/**
 * An RSA signature check costs far more than everything else a request does, and a browser
 * session presents the same token hundreds of times. The parsed, signature-checked token is kept
 * (never past its own expiry); the validators — expiry, issuer, audience, session alive — still run
 * on every request.
 */
public class CachingJwtDecoder implements JwtDecoder {

    private static final Duration MAX_KEEP = Duration.ofMinutes(10);

    private final LoadingCache<String, Jwt> verified;
    private final OAuth2TokenValidator<Jwt> validator;

    /**
     * @param signatureOnly a decoder that checks the signature and parses, validating nothing else
     */
    public CachingJwtDecoder(JwtDecoder signatureOnly, OAuth2TokenValidator<Jwt> validator, long maximumSize) {
        this.validator = validator;
        this.verified = Caffeine.newBuilder()
                .maximumSize(maximumSize)
                .expireAfter(Expiry.<String, Jwt>creating((token, jwt) -> keepFor(jwt)))
                .build(signatureOnly::decode);
    }

    @Override
    public Jwt decode(String token) throws JwtException {
        Jwt jwt;
        try {
            jwt = verified.get(token);
        } catch (java.util.concurrent.CompletionException e) {
            throw e.getCause() instanceof JwtException je ? je : e;
        } catch (BadJwtException e) {
            throw e;
        } catch (JwtException e) {
            // Core's key set could not be fetched: nothing is known about the token yet (503, not a 500)
            if (e.getCause() instanceof KeySourceException) {
                throw new IdentityUnavailableException("Cannot fetch Core's signing keys", e);
            }
            throw e;
        }
        OAuth2TokenValidatorResult result = validator.validate(jwt);
        if (result.hasErrors()) {
            String description = result.getErrors().iterator().next().getDescription();
            throw new JwtValidationException(description != null ? description : "Invalid token", result.getErrors());
        }
        return jwt;
    }

    private static Duration keepFor(Jwt jwt) {
        Instant exp = jwt.getExpiresAt();
        if (exp == null) {
            return Duration.ZERO;
        }
        Duration untilExpiry = Duration.between(Instant.now(), exp);
        if (untilExpiry.isNegative()) {
            return Duration.ZERO;
        }
        return untilExpiry.compareTo(MAX_KEEP) < 0 ? untilExpiry : MAX_KEEP;
    }
}
