package com.hivematrix.core.token;

/** Keycloak's JWKS could not be fetched: the token cannot be judged right now. */
public class KeycloakUnavailableException extends RuntimeException {
    public KeycloakUnavailableException(String message, Throwable cause) {
        super(message, cause);
    }
}
