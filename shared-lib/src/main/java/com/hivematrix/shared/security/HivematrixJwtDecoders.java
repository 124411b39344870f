package com.hivematrix.shared.security;

import org.springframework.security.oauth2.core.DelegatingOAuth2TokenValidator;
import org.springframework.security.oauth2.core.OAuth2TokenValidatorResult;
import org.springframework.security.oauth2.jose.jws.SignatureAlgorithm;
import org.springframework.security.oauth2.jwt.JwtDecoder;
import org.springframework.security.oauth2.jwt.JwtValidators;
import org.springframework.security.oauth2.jwt.NimbusJwtDecoder;

/** The decoder every backend uses for HiveMatrix JWTs; also what the benchmarks measure. */
public final class HivematrixJwtDecoders {

    private HivematrixJwtDecoders() {
    }

    /**
     * RS256 against Core's JWKS (cached by Nimbus, refetched on an unknown kid), signature checks
     * cached per token, then issuer, expiry, service-token audience and session liveness on every call.
     */
    public static JwtDecoder forService(String jwksUri, String issuer, String serviceName, SessionStatus sessions) {
        NimbusJwtDecoder signatureOnly = NimbusJwtDecoder.withJwkSetUri(jwksUri).jwsAlgorithm(SignatureAlgorithm.RS256).build();
        signatureOnly.setJwtValidator(jwt -> OAuth2TokenValidatorResult.success());
        return new CachingJwtDecoder(signatureOnly, new DelegatingOAuth2TokenValidator<>(
                JwtValidators.createDefaultWithIssuer(issuer),
                new HivematrixTokenValidator(serviceName, sessions)), 100_000);
    }
}
