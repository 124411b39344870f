package com.hivematrix.shared.security;

import java.util.Collection;
import java.util.EnumSet;
import java.util.Locale;
import java.util.Set;

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

    /**
     * Every staff level whose group is among {@code groups} (never CLIENT: being a client grants
     * nothing a staff level lacks). A technician who is also in {@code billing} holds both.
     */
    public static Set<PermissionLevel> heldThroughGroups(Collection<?> groups) {
        Set<PermissionLevel> held = EnumSet.noneOf(PermissionLevel.class);
        if (groups == null) {
            return held;
        }
        for (Object group : groups) {
            String g = String.valueOf(group);
            String name = g.startsWith("/") ? g.substring(1) : g;
            for (PermissionLevel level : values()) {
                if (level != CLIENT && level.group.equals(name)) {
                    held.add(level);
                }
            }
        }
        return held;
    }

    /**
     * The levels a user holds: {@code permission_level} (their highest) plus the lower staff levels
     * their other groups give them. A group above the stated level is ignored, so a token can never
     * gain more than its {@code permission_level} says.
     */
    public static Set<PermissionLevel> held(PermissionLevel highest, Collection<?> groups) {
        Set<PermissionLevel> held = EnumSet.of(highest);
        for (PermissionLevel extra : heldThroughGroups(groups)) {
            if (extra.ordinal() > highest.ordinal()) {
                held.add(extra);
            }
        }
        return held;
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
