package com.hivematrix.shared.security;

import java.util.ArrayList;
import java.util.Collection;
import java.util.List;

import org.springframework.security.core.GrantedAuthority;
import org.springframework.security.core.authority.SimpleGrantedAuthority;
import org.springframework.security.oauth2.jwt.Jwt;

/** Reading the platform's claims from a verified HiveMatrix JWT. */
public final class TokenClaims {

    public static final String SERVICE_ROLE = "ROLE_SERVICE";

    private TokenClaims() {
    }

    public static boolean isServiceToken(Jwt jwt) {
        return "service".equals(jwt.getClaimAsString("type"));
    }

    public static PermissionLevel permissionLevel(Jwt jwt) {
        return PermissionLevel.fromClaim(jwt.getClaimAsString("permission_level"));
    }

    /**
     * The role of the user's {@code permission_level} plus one role per lower staff level their
     * {@code groups} claim lists (a technician also in {@code billing} gets ROLE_TECHNICIAN and
     * ROLE_BILLING); {@code permission_level} itself is unchanged. Service tokens get ROLE_SERVICE only.
     */
    public static Collection<GrantedAuthority> authorities(Jwt jwt) {
        List<GrantedAuthority> authorities = new ArrayList<>(2);
        if (isServiceToken(jwt)) {
            authorities.add(new SimpleGrantedAuthority(SERVICE_ROLE));
            return authorities;
        }
        PermissionLevel highest = permissionLevel(jwt);
        authorities.add(new SimpleGrantedAuthority(highest.authority()));
        for (PermissionLevel extra : PermissionLevel.held(highest, groups(jwt))) {
            if (extra != highest) {
                authorities.add(new SimpleGrantedAuthority(extra.authority()));
            }
        }
        return authorities;
    }

    /** The {@code groups} claim, or empty when absent or not a list. */
    public static List<String> groups(Jwt jwt) {
        Object claim = jwt.getClaims().get("groups");
        if (claim instanceof Collection<?> list) {
            return list.stream().map(String::valueOf).toList();
        }
        return List.of();
    }

    /** The name logs and audit records show: the username, or the calling service for service tokens. */
    public static String principalName(Jwt jwt) {
        if (isServiceToken(jwt)) {
            return "service:" + jwt.getClaimAsString("calling_service");
        }
        String username = jwt.getClaimAsString("preferred_username");
        return username != null && !username.isBlank() ? username : jwt.getSubject();
    }
}
