package com.hivematrix.brainhair.web;

import org.springframework.security.core.Authentication;
import org.springframework.security.oauth2.server.resource.authentication.JwtAuthenticationToken;

import com.hivematrix.shared.problem.ProblemException;
import com.hivematrix.shared.security.PermissionLevel;
import com.hivematrix.shared.security.TokenClaims;

/**
 * The end user behind a request: their username (chat ownership), level, and their own JWT, which
 * every tool forwards so Codex and Ledger apply that user's permissions and record them as author.
 */
public record Caller(String username, String displayName, PermissionLevel level, String token) {

    public static Caller of(Authentication auth) {
        if (!(auth instanceof JwtAuthenticationToken jwt) || TokenClaims.isServiceToken(jwt.getToken())) {
            throw ProblemException.forbidden("Brainhair is for signed-in users");
        }
        String name = jwt.getToken().getClaimAsString("name");
        String username = TokenClaims.principalName(jwt.getToken());
        return new Caller(username, name == null || name.isBlank() ? username : name, TokenClaims.permissionLevel(jwt.getToken()),
                jwt.getToken().getTokenValue());
    }

    public String levelName() {
        return level.claimValue();
    }
}
