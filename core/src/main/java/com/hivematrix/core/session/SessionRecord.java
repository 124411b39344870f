package com.hivematrix.core.session;

import com.fasterxml.jackson.annotation.JsonProperty;

/**
 * The stored session, {@code session:<jti>} in Redis, in the original's JSON shape:
 * {@code {"user_data":{…},"created_at":<epoch>,"expires_at":<epoch>,"revoked":false}}.
 */
public record SessionRecord(
        @JsonProperty("user_data") UserData userData,
        @JsonProperty("created_at") long createdAt,
        @JsonProperty("expires_at") long expiresAt,
        boolean revoked) {

    public SessionRecord asRevoked() {
        return new SessionRecord(userData, createdAt, expiresAt, true);
    }

    public boolean expired(long nowEpochSeconds) {
        return expiresAt < nowEpochSeconds;
    }
}
