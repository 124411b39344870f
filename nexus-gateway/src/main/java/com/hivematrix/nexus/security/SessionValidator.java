package com.hivematrix.nexus.security;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.concurrent.TimeUnit;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import com.hivematrix.nexus.login.CoreClient;
import com.hivematrix.nexus.login.CoreClient.Verdict;

import reactor.core.publisher.Mono;

/**
 * Per-request "is this HiveMatrix session still valid?", asking Core at most once per token per
 * {@code cacheTtl}. Core unreachable: a session Core confirmed within {@code outageGrace} is still
 * honoured, anything else is {@link Verdict#UNAVAILABLE}; a session Core said was invalid stays
 * invalid for good (a revoked session is never accepted again).
 */
public class SessionValidator {

    private record Entry(boolean valid, Instant checkedAt, Map<String, Object> user) {
    }

    private final CoreClient core;
    private final Duration cacheTtl;
    private final Duration outageGrace;
    private final Clock clock;
    private final Cache<String, Entry> cache;

    public SessionValidator(CoreClient core, Duration cacheTtl, Duration outageGrace, Clock clock) {
        this.core = core;
        this.cacheTtl = cacheTtl;
        this.outageGrace = outageGrace;
        this.clock = clock;
        this.cache = Caffeine.newBuilder().maximumSize(200_000)
                .expireAfterWrite(Math.max(Duration.ofHours(1).toMillis(), outageGrace.toMillis()), TimeUnit.MILLISECONDS)
                .build();
    }

    public Mono<CoreClient.Validation> check(String token) {
        Instant now = clock.instant();
        Entry cached = cache.getIfPresent(token);
        if (cached != null && (!cached.valid() || cached.checkedAt().plus(cacheTtl).isAfter(now))) {
            return Mono.just(toValidation(cached));
        }
        return core.validate(token).map(result -> switch (result.verdict()) {
            case VALID -> {
                cache.put(token, new Entry(true, now, result.user()));
                yield result;
            }
            case INVALID -> {
                cache.put(token, new Entry(false, now, Map.of()));
                yield result;
            }
            case UNAVAILABLE -> cached != null && cached.checkedAt().plus(outageGrace).isAfter(now)
                    ? toValidation(cached) : result;
        });
    }

    /** Forget a token at once (logout), remembering it as invalid. */
    public void revoked(String token) {
        cache.put(token, new Entry(false, clock.instant(), Map.of()));
    }

    private static CoreClient.Validation toValidation(Entry entry) {
        return new CoreClient.Validation(entry.valid() ? Verdict.VALID : Verdict.INVALID, entry.user());
    }
}
