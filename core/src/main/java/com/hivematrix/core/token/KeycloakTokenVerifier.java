package com.hivematrix.core.token;

import java.net.MalformedURLException;
import java.net.URI;
import java.text.ParseException;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;

import com.hivematrix.core.config.KeycloakProperties;
import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.KeySourceException;
import com.nimbusds.jose.jwk.source.JWKSource;
import com.nimbusds.jose.jwk.source.JWKSourceBuilder;
import com.nimbusds.jose.proc.BadJOSEException;
import com.nimbusds.jose.proc.JWSVerificationKeySelector;
import com.nimbusds.jose.proc.SecurityContext;
import com.nimbusds.jose.util.DefaultResourceRetriever;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.proc.DefaultJWTClaimsVerifier;
import com.nimbusds.jwt.proc.DefaultJWTProcessor;

/**
 * Verifies a Keycloak access token locally: signature against the realm's JWKS (cached by Nimbus,
 * refreshed on an unknown kid), expiry, and an issuer from the accepted list. No call to userinfo.
 */
@Component
public class KeycloakTokenVerifier {

    private static final Logger log = LoggerFactory.getLogger(KeycloakTokenVerifier.class);

    /** What exchange needs from the Keycloak token. */
    public record KeycloakIdentity(String sub, String name, String email, String preferredUsername, List<String> groups) {
    }

    private final DefaultJWTProcessor<SecurityContext> processor;
    private final Set<String> issuers;

    public KeycloakTokenVerifier(KeycloakProperties props) {
        this.issuers = Set.copyOf(props.effectiveIssuers());
        DefaultResourceRetriever retriever = new DefaultResourceRetriever(
                (int) props.getConnectTimeout().toMillis(), (int) props.getReadTimeout().toMillis(), 512 * 1024);
        JWKSource<SecurityContext> source;
        try {
            source = JWKSourceBuilder.<SecurityContext>create(URI.create(props.jwksUrl()).toURL(), retriever)
                    .cache(props.getJwksCacheTtl().toMillis(), props.getReadTimeout().toMillis())
                    .rateLimited(5_000)
                    .retrying(false)
                    .build();
        } catch (MalformedURLException e) {
            throw new IllegalArgumentException("Bad Keycloak URL " + props.jwksUrl(), e);
        }
        processor = new DefaultJWTProcessor<>();
        processor.setJWSKeySelector(new JWSVerificationKeySelector<>(Set.of(JWSAlgorithm.RS256, JWSAlgorithm.RS384,
                JWSAlgorithm.RS512, JWSAlgorithm.PS256, JWSAlgorithm.ES256), source));
        processor.setJWTClaimsSetVerifier(new DefaultJWTClaimsVerifier<>(null, null, new HashSet<>(List.of("sub", "exp", "iss"))));
        log.info("Keycloak tokens verified against {} (issuers {})", props.jwksUrl(), issuers);
    }

    /**
     * @return the identity, or empty when the token is invalid (bad signature, expired, wrong issuer, garbage)
     * @throws KeycloakUnavailableException when Keycloak's keys cannot be fetched
     */
    public Optional<KeycloakIdentity> verify(String accessToken) {
        JWTClaimsSet claims;
        try {
            claims = processor.process(accessToken, null);
        } catch (KeySourceException e) {
            throw new KeycloakUnavailableException("Identity provider unavailable: " + e.getMessage(), e);
        } catch (ParseException | BadJOSEException | JOSEException e) {
            log.debug("Rejected Keycloak token: {}", e.getMessage());
            return Optional.empty();
        }
        if (!issuers.contains(claims.getIssuer())) {
            log.info("Rejected Keycloak token from issuer {} (accepted: {})", claims.getIssuer(), issuers);
            return Optional.empty();
        }
        Object typ = claims.getClaim("typ");
        if (typ != null && !"Bearer".equals(typ)) {
            return Optional.empty(); // an ID or refresh token, not an access token
        }
        try {
            List<String> groups = claims.getStringListClaim("groups");
            return Optional.of(new KeycloakIdentity(claims.getSubject(),
                    orEmpty(claims.getStringClaim("name")),
                    orEmpty(claims.getStringClaim("email")),
                    orEmpty(claims.getStringClaim("preferred_username")),
                    groups == null ? List.of() : List.copyOf(groups)));
        } catch (ParseException e) {
            return Optional.empty();
        }
    }

    private static String orEmpty(String s) {
        return s == null ? "" : s;
    }
}
