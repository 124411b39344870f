package com.hivematrix.shared.security;

import org.springframework.security.oauth2.core.OAuth2Error;
import org.springframework.security.oauth2.core.OAuth2ErrorCodes;
import org.springframework.security.oauth2.core.OAuth2TokenValidator;
import org.springframework.security.oauth2.core.OAuth2TokenValidatorResult;
import org.springframework.security.oauth2.jwt.Jwt;

/**
 * What the platform adds to signature, issuer and expiry checks: a service token counts only at
 * the service it was minted for, and a user token only while its login session is alive.
 */
public class HivematrixTokenValidator implements OAuth2TokenValidator<Jwt> {

    private final String serviceName;
    private final SessionStatus sessions;

    public HivematrixTokenValidator(String serviceName, SessionStatus sessions) {
        this.serviceName = serviceName;
        this.sessions = sessions;
    }

    @Override
    public OAuth2TokenValidatorResult validate(Jwt jwt) {
        if (TokenClaims.isServiceToken(jwt)) {
            String target = jwt.getClaimAsString("target_service");
            boolean audienceOk = jwt.getAudience() == null || jwt.getAudience().isEmpty() || jwt.getAudience().contains(serviceName);
            if (!serviceName.equals(target) || !audienceOk) {
                return failure("Service token is for another service");
            }
            return OAuth2TokenValidatorResult.success();
        }
        if (jwt.getId() == null || jwt.getId().isBlank()) {
            return failure("Token has no session ID");
        }
        if (!sessions.isActive(jwt)) {
            return failure("Session expired or revoked");
        }
        return OAuth2TokenValidatorResult.success();
    }

    private static OAuth2TokenValidatorResult failure(String description) {
        return OAuth2TokenValidatorResult.failure(new OAuth2Error(OAuth2ErrorCodes.INVALID_TOKEN, description, null));
    }
}
