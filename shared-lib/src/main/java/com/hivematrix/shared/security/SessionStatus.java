package com.hivematrix.shared.security;

import org.springframework.security.oauth2.jwt.Jwt;

/**
 * Whether the login session behind a user token is still alive (not logged out, not expired).
 * Core answers from its own store; every other service asks Core.
 */
public interface SessionStatus {

    /**
     * @throws IdentityUnavailableException when the answer cannot be known right now
     */
    boolean isActive(Jwt token);
}
