package com.hivematrix.core.security;

import java.time.Instant;
import java.util.Date;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.springframework.beans.factory.annotation.Value;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.security.oauth2.core.OAuth2TokenValidatorResult;
import org.springframework.security.oauth2.jwt.BadJwtException;
import org.springframework.security.oauth2.jwt.Jwt;
import org.springframework.security.oauth2.jwt.JwtDecoder;
import org.springframework.security.oauth2.jwt.JwtValidationException;

import com.hivematrix.core.session.SessionStore;
import com.hivematrix.core.token.HivematrixTokens;
import com.hivematrix.core.token.TokenRejectedException;
import com.hivematrix.shared.security.HivematrixTokenValidator;
import com.hivematrix.shared.security.SessionStatus;
import com.nimbusds.jwt.JWTClaimsSet;

/**
 * Core authenticates its own protected endpoints (key rotation, actuator) in-process: the JWT decoder
 * uses Core's key set and session store, so Core never calls itself over HTTP.
 */
@Configuration(proxyBeanMethods = false)
public class CoreSecurityConfiguration {

    /** Session liveness straight from the store. */
    @Bean
    SessionStatus sessionStatus(SessionStore sessions) {
        return token -> token.getId() != null && sessions.isActive(token.getId());
    }

    @Bean
    JwtDecoder jwtDecoder(HivematrixTokens tokens, SessionStatus sessionStatus,
            @Value("${hivematrix.service-name:core}") String serviceName) {
        HivematrixTokenValidator platformRules = new HivematrixTokenValidator(serviceName, sessionStatus);
        return token -> {
            HivematrixTokens.VerifiedToken verified;
            try {
                verified = tokens.verify(token, true);
            } catch (TokenRejectedException e) {
                throw new BadJwtException(e.errorText());
            }
            Jwt jwt = toJwt(verified);
            OAuth2TokenValidatorResult result = platformRules.validate(jwt);
            if (result.hasErrors()) {
                throw new JwtValidationException(result.getErrors().iterator().next().getDescription(), result.getErrors());
            }
            return jwt;
        };
    }

    static Jwt toJwt(HivematrixTokens.VerifiedToken verified) {
        JWTClaimsSet claimsSet = verified.claims();
        Map<String, Object> claims = new LinkedHashMap<>();
        for (Map.Entry<String, Object> e : claimsSet.getClaims().entrySet()) {
            Object value = e.getValue();
            if (value instanceof Date d) {
                value = d.toInstant();
            }
            claims.put(e.getKey(), value);
        }
        if (claims.get("aud") instanceof String aud) {
            claims.put("aud", List.of(aud));
        }
        Instant iat = claimsSet.getIssueTime() == null ? null : claimsSet.getIssueTime().toInstant();
        Instant exp = claimsSet.getExpirationTime() == null ? null : claimsSet.getExpirationTime().toInstant();
        return new Jwt(verified.value(), iat, exp, verified.jwt().getHeader().toJSONObject(), claims);
    }
}
