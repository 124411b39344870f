package com.hivematrix.core.token;

/** A HiveMatrix JWT that failed verification; {@code expired()} separates "Token expired" from "Invalid token: …". */
public class TokenRejectedException extends Exception {

    private final boolean expired;

    TokenRejectedException(String message, boolean expired) {
        super(message, null, false, false);
        this.expired = expired;
    }

    static TokenRejectedException invalid(String message) {
        return new TokenRejectedException(message, false);
    }

    static TokenRejectedException expiredToken() {
        return new TokenRejectedException("Token expired", true);
    }

    public boolean expired() {
        return expired;
    }

    /** The body text the original used: "Token expired" or "Invalid token: <reason>". */
    public String errorText() {
        return expired ? "Token expired" : "Invalid token: " + getMessage();
    }
}
