package com.hivematrix.knowledgetree.node;

/**
 * Who may do what (spec D2 §16): every logged-in user and service reads; technicians and admins
 * write; admins run the admin tools.
 */
public final class Access {

    public static final String READ = "isAuthenticated()";
    public static final String WRITE = "hasAnyRole('ADMIN','TECHNICIAN')";
    public static final String ADMIN = "hasRole('ADMIN')";

    private Access() {
    }
}
