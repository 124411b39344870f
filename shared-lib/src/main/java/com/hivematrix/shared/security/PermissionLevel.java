package com.hivematrix.shared.security;

import java.util.Collection;
import java.util.Locale;

/**
 * The platform's permission levels, from Keycloak groups (admins > technicians > billing > client).
 * Each maps to a Spring role: {@code hasRole('ADMIN')} etc.
 */
public enum PermissionLevel {
    ADMIN("admins"),
    TECHNICIAN("technicians"),
    BILLING("billing"),
    CLIENT("client");

    private final String group;

    PermissionLevel(String group) {
        this.group = group;
    }

    public String claimValue() {
        return name().toLowerCase(Locale.ROOT);
    }

    public String authority() {
        return "ROLE_" + name();
    }

    /** The highest level among the groups; accepts both {@code admins} and {@code /admins}. */
    public static PermissionLevel fromGroups(Collection<String> groups) {
        for (PermissionLevel level : values()) {
            if (level == CLIENT) {
                break;
            }
            for (String g : groups) {
                String name = g.startsWith("/") ? g.substring(1) : g;
                if (level.group.equals(name)) {
                    return level;
                }
            }
        }
        return CLIENT;
    }

    /** Parses a {@code permission_level} claim; anything unknown is the lowest level. */
    public static PermissionLevel fromClaim(String value) {
        if (value != null) {
            for (PermissionLevel level : values()) {
                if (level.claimValue().equals(value)) {
                    return level;
                }
            }
        }
        return CLIENT;
    }
}
