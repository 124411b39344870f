package com.hivematrix.knowledgetree.node;

import org.springframework.security.core.Authentication;
import org.springframework.security.oauth2.jwt.Jwt;

/** The name recorded as author of a change: the user's username, or {@code service:<name>}. */
public final class Actor {

    private Actor() {
    }

    public static String of(Authentication auth) {
        if (auth == null) {
            return "unknown";
        }
        if (auth.getPrincipal() instanceof Jwt jwt) {
            String username = jwt.getClaimAsString("preferred_username");
            if (username != null && !username.isBlank()) {
                return username;
            }
            return jwt.getSubject();
        }
        return auth.getName();
    }
}
