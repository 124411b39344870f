package com.hivematrix.core.token;

import java.text.ParseException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Date;

import org.springframework.stereotype.Component;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import com.hivematrix.core.config.CoreProperties;
import com.hivematrix.core.keys.SigningKey;
import com.hivematrix.core.keys.SigningKeys;
import com.hivematrix.core.session.UserData;
import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.JOSEObjectType;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jwt.JWT;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.JWTParser;
import com.nimbusds.jwt.PlainJWT;
import com.nimbusds.jwt.SignedJWT;

/** Mints and verifies HiveMatrix JWTs (RS256, iss hivematrix-core) with the in-process key set. */
@Component
public class HivematrixTokens {

    public static final String ISSUER = "hivematrix-core";

    private final SigningKeys keys;
    private final CoreProperties props;
    private final Clock clock;
    /** A session's token is presented on every request: its signature is checked once. */
    private final Cache<String, VerifiedToken> signatureChecked = Caffeine.newBuilder()
            .maximumSize(100_000)
            .expireAfterWrite(Duration.ofMinutes(10))
            .build();

    @org.springframework.beans.factory.annotation.Autowired
    public HivematrixTokens(SigningKeys keys, CoreProperties props) {
        this(keys, props, Clock.systemUTC());
    }

    HivematrixTokens(SigningKeys keys, CoreProperties props, Clock clock) {
        this.keys = keys;
        this.props = props;
        this.clock = clock;
    }

    /** A user token whose jti is the session id; exp = iat + session TTL. */
    public String signUser(String jti, UserData user, Instant issuedAt) {
        long iat = issuedAt.getEpochSecond();
        JWTClaimsSet claims = new JWTClaimsSet.Builder()
                .issuer(ISSUER)
                .subject(user.sub())
                .jwtID(jti)
                .claim("name", user.name())
                .claim("email", user.email())
                .claim("preferred_username", user.preferredUsername())
                .claim("permission_level", user.permissionLevel())
                .claim("groups", user.groups())
                .issueTime(new Date(iat * 1000))
                .expirationTime(new Date((iat + props.getSessionTtl().toSeconds()) * 1000))
                .build();
        return sign(claims);
    }

    /** A service token for calling → target: aud = target, no jti, exp = iat + 300 s. */
    public String signService(String callingService, String targetService, Instant issuedAt) {
        long iat = issuedAt.getEpochSecond();
        JWTClaimsSet claims = new JWTClaimsSet.Builder()
                .issuer(ISSUER)
                .subject("service:" + callingService)
                .claim("calling_service", callingService)
                .claim("target_service", targetService)
                .claim("type", "service")
                .audience(targetService)
                .issueTime(new Date(iat * 1000))
                .expirationTime(new Date((iat + props.getServiceTokenTtl().toSeconds()) * 1000))
                .build();
        return sign(claims);
    }

    private String sign(JWTClaimsSet claims) {
        SigningKey key = keys.active();
        SignedJWT jwt = new SignedJWT(new JWSHeader.Builder(JWSAlgorithm.RS256).type(JOSEObjectType.JWT).keyID(key.kid()).build(), claims);
        try {
            jwt.sign(key.signer());
        } catch (JOSEException e) {
            throw new IllegalStateException("Cannot sign token with " + key.kid(), e);
        }
        return jwt.serialize();
    }

    /**
     * Verifies algorithm (RS256 only), key, signature, expiry (unless {@code checkExpiry} is false, as in
     * revoke) and issuer.
     */
    public VerifiedToken verify(String token, boolean checkExpiry) throws TokenRejectedException {
        VerifiedToken verified = signatureChecked.getIfPresent(token);
        if (verified == null) {
            verified = checkSignature(token);
            signatureChecked.put(token, verified);
        }
        JWTClaimsSet claims = verified.claims();
        Date exp = claims.getExpirationTime();
        if (checkExpiry && exp.getTime() / 1000 <= clock.instant().getEpochSecond()) {
            throw TokenRejectedException.expiredToken();
        }
        if (!ISSUER.equals(claims.getIssuer())) {
            throw TokenRejectedException.invalid("Invalid issuer");
        }
        return verified;
    }

    /** Parsing and the RSA check, the expensive part; cached per token string until a bounded time. */
    private VerifiedToken checkSignature(String token) throws TokenRejectedException {
        JWT parsed;
        try {
            parsed = JWTParser.parse(token.strip());
        } catch (ParseException e) {
            throw TokenRejectedException.invalid(token.chars().filter(c -> c == '.').count() < 2 ? "Not enough segments" : "Invalid token format");
        }
        if (parsed instanceof PlainJWT || !(parsed instanceof SignedJWT jwt)) {
            throw TokenRejectedException.invalid("The specified alg value is not allowed");
        }
        if (!JWSAlgorithm.RS256.equals(jwt.getHeader().getAlgorithm())) {
            throw TokenRejectedException.invalid("The specified alg value is not allowed");
        }
        String kid = jwt.getHeader().getKeyID();
        SigningKey key = kid == null ? null : keys.find(kid);
        if (key == null) {
            throw TokenRejectedException.invalid("Unable to find a signing key that matches: \"" + kid + "\"");
        }
        try {
            if (!jwt.verify(key.verifier())) {
                throw TokenRejectedException.invalid("Signature verification failed");
            }
        } catch (JOSEException e) {
            throw TokenRejectedException.invalid("Signature verification failed");
        }
        JWTClaimsSet claims;
        try {
            claims = jwt.getJWTClaimsSet();
        } catch (ParseException e) {
            throw TokenRejectedException.invalid("Invalid payload");
        }
        Date exp = claims.getExpirationTime();
        if (exp == null) {
            throw TokenRejectedException.invalid("Token is missing the \"exp\" claim");
        }
        return new VerifiedToken(token, jwt, claims);
    }

    public record VerifiedToken(String value, SignedJWT jwt, JWTClaimsSet claims) {
        public String jti() {
            return claims.getJWTID();
        }
    }
}
