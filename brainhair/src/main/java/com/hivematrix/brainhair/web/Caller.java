package com.hivematrix.brainhair.web;

import java.util.Collection;
import java.util.Set;

import org.springframework.security.core.Authentication;
import org.springframework.security.oauth2.server.resource.authentication.JwtAuthenticationToken;

import com.hivematrix.shared.problem.ProblemException;
import com.hivematrix.shared.security.PermissionLevel;
import com.hivematrix.shared.security.TokenClaims;

/**
 * The end user behind a request: their username (chat ownership), level, the levels they hold (their
 * level plus those of their other groups, e.g. a technician also in billing), and their own JWT, which
 * every tool forwards so Codex and Ledger apply that user's permissions and record them as author.
 */
public record Caller(String username, String displayName, PermissionLevel level, Set<PermissionLevel> held, String token) {

    public static Caller of(Authentication auth) {
        if (!(auth instanceof JwtAuthenticationToken jwt) || TokenClaims.isServiceToken(jwt.getToken())) {
            throw ProblemException.forbidden("Brainhair is for signed-in users");
        }
        String name = jwt.getToken().getClaimAsString("name");
        String username = TokenClaims.principalName(jwt.getToken());
        PermissionLevel level = TokenClaims.permissionLevel(jwt.getToken());
        return new Caller(username, name == null || name.isBlank() ? username : name, level,
                PermissionLevel.held(level, TokenClaims.groups(jwt.getToken())),
                jwt.getToken().getTokenValue());
    }

    /** Whether any level this user holds is among {@code levels} (claim values such as "billing"). */
    public boolean holdsAnyOf(Collection<String> levels) {
        return held.stream().anyMatch(l -> levels.contains(l.claimValue()));
    }
}
