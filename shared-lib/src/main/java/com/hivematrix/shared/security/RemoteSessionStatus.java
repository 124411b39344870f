package com.hivematrix.shared.security;

import java.time.Duration;
import java.util.Map;

import org.springframework.http.MediaType;
import org.springframework.security.oauth2.jwt.Jwt;
import org.springframework.web.client.HttpClientErrorException;
import org.springframework.web.client.RestClient;
import org.springframework.web.client.RestClientException;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;

/**
 * Asks Core's {@code /api/token/validate} whether a session is alive. A live answer is trusted for
 * a second (so logout reaches every service within about one second); a dead one for good. While
 * Core is unreachable, a session seen alive within the grace period is still honoured, anything
 * else is refused with a 503.
 */
public class RemoteSessionStatus implements SessionStatus {

    private final RestClient core;
    private final Cache<String, Boolean> answers;
    private final Cache<String, Boolean> revoked;
    private final Cache<String, Boolean> recentlyActive;

    public RemoteSessionStatus(RestClient core, Duration cacheTtl, Duration staleGrace) {
        this.core = core;
        this.answers = Caffeine.newBuilder().expireAfterWrite(cacheTtl).maximumSize(100_000).build();
        this.revoked = Caffeine.newBuilder().expireAfterWrite(Duration.ofHours(1)).maximumSize(100_000).build();
        this.recentlyActive = Caffeine.newBuilder().expireAfterWrite(staleGrace).maximumSize(100_000).build();
    }

    @Override
    public boolean isActive(Jwt token) {
        String jti = token.getId();
        if (revoked.getIfPresent(jti) != null) {
            return false;
        }
        Boolean cached = answers.getIfPresent(jti);
        if (cached != null) {
            return cached;
        }
        boolean active = ask(token);
        answers.put(jti, active);
        if (active) {
            recentlyActive.put(jti, Boolean.TRUE);
        } else {
            revoked.put(jti, Boolean.TRUE);
        }
        return active;
    }

    private boolean ask(Jwt token) {
        try {
            core.post().uri("/api/token/validate")
                    .contentType(MediaType.APPLICATION_JSON)
                    .body(Map.of("token", token.getTokenValue()))
                    .retrieve()
                    .toBodilessEntity();
            return true;
        } catch (HttpClientErrorException e) {
            if (e.getStatusCode().value() == 401) {
                return false;
            }
            return unreachable(token, e);
        } catch (RestClientException e) {
            return unreachable(token, e);
        }
    }

    private boolean unreachable(Jwt token, Exception cause) {
        if (recentlyActive.getIfPresent(token.getId()) != null) {
            return true;
        }
        throw new IdentityUnavailableException("Cannot check the session with Core", cause);
    }
}
