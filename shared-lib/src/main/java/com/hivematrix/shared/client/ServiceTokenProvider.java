package com.hivematrix.shared.client;

import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Supplier;

import org.springframework.http.MediaType;
import org.springframework.web.client.RestClient;

import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * Service tokens from Core's /service-token, one per target, cached and renewed shortly before
 * they expire. The caller proves who it is with its per-service secret (HTTP Basic).
 */
public class ServiceTokenProvider {

    private record CachedToken(String value, Instant expiresAt) {
    }

    private final RestClient core;
    private final String serviceName;
    private final Supplier<String> secret;
    private final Duration refreshMargin;
    private final Clock clock;
    private final Map<String, CachedToken> cache = new ConcurrentHashMap<>();
    private final JsonMapper json = JsonMapper.builder().build();

    public ServiceTokenProvider(RestClient core, String serviceName, Supplier<String> secret, Duration refreshMargin, Clock clock) {
        this.core = core;
        this.serviceName = serviceName;
        this.secret = secret;
        this.refreshMargin = refreshMargin;
        this.clock = clock;
    }

    public String tokenFor(String target) {
        CachedToken cached = cache.get(target);
        if (cached != null && clock.instant().plus(refreshMargin).isBefore(cached.expiresAt())) {
            return cached.value();
        }
        CachedToken fresh = mint(target);
        cache.put(target, fresh);
        return fresh.value();
    }

    /** Forget a token the target refused (e.g. after a Core key rotation), so the next call mints anew. */
    public void evict(String target) {
        cache.remove(target);
    }

    private CachedToken mint(String target) {
        JsonNode body = core.post().uri("/service-token")
                .headers(h -> h.setBasicAuth(serviceName, secret.get(), StandardCharsets.UTF_8))
                .contentType(MediaType.APPLICATION_JSON)
                .body(Map.of("calling_service", serviceName, "target_service", target))
                .retrieve()
                .body(JsonNode.class);
        String token = body.path("token").asString();
        return new CachedToken(token, expiryOf(token));
    }

    /** Reads exp without verifying: the token is ours to present, the target verifies it. */
    private Instant expiryOf(String token) {
        String[] parts = token.split("\\.");
        JsonNode claims = json.readTree(Base64.getUrlDecoder().decode(parts[1]));
        return Instant.ofEpochSecond(claims.path("exp").asLong());
    }
}
