package com.hivematrix.helm.web;

import java.util.Optional;

import org.springframework.security.core.Authentication;
import org.springframework.security.oauth2.server.resource.authentication.JwtAuthenticationToken;
import org.springframework.stereotype.Component;

import com.hivematrix.shared.security.PermissionLevel;
import com.hivematrix.shared.security.TokenClaims;

/**
 * Who may do what in Helm. Every page and read API is for admins only (the original let any
 * logged-in user read all platform logs). Service tokens are accepted only where named: ingest
 * takes any service's token minted for helm; reads take helm's own token (the operator CLI).
 */
@Component("helmAccess")
public class HelmAccess {

    public static final String SELF = "helm";

    /** Admin users, or a service token whose caller is Helm itself (deploy/hivematrix logs). */
    public boolean adminOrSelf(Authentication auth) {
        return isAdmin(auth) || callingService(auth).filter(SELF::equals).isPresent();
    }

    public static boolean isAdmin(Authentication auth) {
        return auth != null && auth.getAuthorities().stream()
                .anyMatch(a -> PermissionLevel.ADMIN.authority().equals(a.getAuthority()));
    }

    /** The calling_service of a service token; empty for users. */
    public static Optional<String> callingService(Authentication auth) {
        if (auth instanceof JwtAuthenticationToken jwt && TokenClaims.isServiceToken(jwt.getToken())) {
            return Optional.ofNullable(jwt.getToken().getClaimAsString("calling_service"));
        }
        return Optional.empty();
    }
}
