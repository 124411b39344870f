package com.hivematrix.codex.web;

import org.springframework.security.core.Authentication;
import org.springframework.security.oauth2.jwt.Jwt;

/** Who is looking at a page: what the templates need to decide what to show. */
public record Viewer(String username, String name, String email, boolean admin, boolean technician) {

    public static Viewer of(Authentication auth) {
        if (auth == null) {
            return new Viewer(null, null, null, false, false);
        }
        boolean admin = has(auth, "ROLE_ADMIN");
        boolean tech = has(auth, "ROLE_TECHNICIAN");
        if (auth.getPrincipal() instanceof Jwt jwt) {
            String username = jwt.getClaimAsString("preferred_username");
            String name = jwt.getClaimAsString("name");
            return new Viewer(username, name == null || name.isBlank() ? username : name, jwt.getClaimAsString("email"), admin, tech);
        }
        return new Viewer(auth.getName(), auth.getName(), null, admin, tech);
    }

    private static boolean has(Authentication auth, String authority) {
        return auth.getAuthorities().stream().anyMatch(a -> authority.equals(a.getAuthority()));
    }

    /** Technicians and admins edit companies, contacts and assets (spec §2.3). */
    public boolean canEdit() {
        return admin || technician;
    }
}
