package com.hivematrix.codex.web;

/** The permission expressions of Codex's endpoints (see spec §2 auth legend). */
public final class Access {

    /** Technician or admin user; service tokens are refused (they have no user to act as). */
    public static final String TECH_USER = "hasAnyRole('ADMIN','TECHNICIAN')";
    /** Admin user, or a service (the original's admin_required let every service through). */
    public static final String ADMIN_OR_SERVICE = "hasAnyRole('ADMIN','SERVICE')";
    /** Admin user only. */
    public static final String ADMIN = "hasRole('ADMIN')";
    /** Any logged-in user, never a service token. */
    public static final String USERS_ONLY = "hasAnyRole('ADMIN','TECHNICIAN','BILLING','CLIENT')";

    private Access() {
    }
}
