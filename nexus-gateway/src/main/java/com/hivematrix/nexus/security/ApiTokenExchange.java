package com.hivematrix.nexus.security;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.HexFormat;

import com.github.benmanes.caffeine.cache.AsyncCache;
import com.github.benmanes.caffeine.cache.Caffeine;
import com.github.benmanes.caffeine.cache.Expiry;
import com.hivematrix.nexus.login.CoreClient;
import com.hivematrix.nexus.login.NexusSession;

import reactor.core.publisher.Mono;

/**
 * API clients may present a Keycloak access token instead of a browser session. Nexus exchanges it at
 * Core once and relays the HiveMatrix JWT; the result is kept (by the token's hash, never the token
 * itself) until the earlier of the two tokens' expiries, so a script's every call is not a new login.
 */
public class ApiTokenExchange {

    private record Exchanged(String token, Instant keepUntil) {
    }

    private final CoreClient core;
    private final Clock clock;
    private final AsyncCache<String, Exchanged> exchanged;

    public ApiTokenExchange(CoreClient core, Clock clock) {
        this.core = core;
        this.clock = clock;
        this.exchanged = Caffeine.newBuilder()
                .maximumSize(10_000)
                .expireAfter(Expiry.<String, Exchanged>creating((key, value) -> {
                    Duration left = Duration.between(clock.instant(), value.keepUntil());
                    return left.isNegative() ? Duration.ZERO : left;
                }))
                .buildAsync();
    }

    /**
     * The HiveMatrix JWT for a Keycloak access token; errors with
     * {@link CoreClient.ExchangeRejectedException} when Core refuses it (nothing is cached then) or
     * when its session was revoked.
     */
    public Mono<String> hivematrixToken(String keycloakAccessToken) {
        return Mono.fromFuture(() -> exchanged.get(hash(keycloakAccessToken),
                (key, executor) -> core.exchange(keycloakAccessToken)
                        .map(token -> new Exchanged(token, earliest(NexusSession.expiry(keycloakAccessToken), NexusSession.expiry(token))))
                        .toFuture()))
                .flatMap(e -> e.token() != null ? Mono.just(e.token())
                        : Mono.error(new CoreClient.ExchangeRejectedException("the session of this access token was revoked")));
    }

    /**
     * The HiveMatrix session exchanged for this token was revoked (a logout): the token stays refused
     * until it expires, instead of being exchanged into a fresh session on its next call.
     */
    public void revoked(String keycloakAccessToken) {
        Instant until = NexusSession.expiry(keycloakAccessToken);
        String key = hash(keycloakAccessToken);
        // invalidate first: a put on a live entry would keep its old (earlier) expiry
        exchanged.synchronous().invalidate(key);
        exchanged.synchronous().put(key, new Exchanged(null, until != null ? until : clock.instant()));
    }

    private Instant earliest(Instant a, Instant b) {
        Instant fallback = clock.instant();
        if (a == null || b == null) {
            return a != null ? a : b != null ? b : fallback;
        }
        return a.isBefore(b) ? a : b;
    }

    private static String hash(String token) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(token.getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
