package com.hivematrix.knowledgetree.web;

import org.springframework.security.core.Authentication;

import com.hivematrix.knowledgetree.node.Actor;

/** Who looks at a page and what the page may offer them. */
public record Viewer(String username, boolean admin, boolean canWrite) {

    public static Viewer of(Authentication auth) {
        if (auth == null) {
            return new Viewer(null, false, false);
        }
        boolean admin = has(auth, "ROLE_ADMIN");
        return new Viewer(Actor.of(auth), admin, admin || has(auth, "ROLE_TECHNICIAN"));
    }

    private static boolean has(Authentication auth, String authority) {
        return auth.getAuthorities().stream().anyMatch(a -> authority.equals(a.getAuthority()));
    }
}
