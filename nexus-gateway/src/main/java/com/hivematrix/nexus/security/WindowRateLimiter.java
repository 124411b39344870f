package com.hivematrix.nexus.security;

import java.time.Clock;
import java.time.Duration;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;
import java.util.concurrent.atomic.AtomicLong;

import org.springframework.data.redis.core.ReactiveStringRedisTemplate;

import reactor.core.publisher.Mono;

/**
 * Fixed-window limits per user: {@code perMinute} and {@code perHour} (the original's 1000/min and
 * 20000/h). Counters live in Redis (shared by every Nexus replica) or, without Redis, in this process.
 */
public class WindowRateLimiter implements RateLimiter {

    private final ReactiveStringRedisTemplate redis;
    private final long perMinute;
    private final long perHour;
    private final String prefix;
    private final Clock clock;
    private final ConcurrentMap<String, AtomicLong> local = new ConcurrentHashMap<>();

    /** @param redis null for in-process counters */
    public WindowRateLimiter(ReactiveStringRedisTemplate redis, long perMinute, long perHour, String prefix, Clock clock) {
        this.redis = redis;
        this.perMinute = perMinute;
        this.perHour = perHour;
        this.prefix = prefix;
        this.clock = clock;
    }

    @Override
    public Mono<Long> check(String key) {
        long now = clock.millis() / 1000;
        long minute = now / 60;
        long hour = now / 3600;
        String minuteKey = prefix + key + ":m:" + minute;
        String hourKey = prefix + key + ":h:" + hour;
        return count(minuteKey, Duration.ofSeconds(61)).zipWith(count(hourKey, Duration.ofSeconds(3601)))
                .map(counts -> {
                    if (counts.getT1() > perMinute) {
                        return Math.max(1, (minute + 1) * 60 - now);
                    }
                    if (counts.getT2() > perHour) {
                        return Math.max(1, (hour + 1) * 3600 - now);
                    }
                    return 0L;
                })
                // the limiter must never be the reason a request fails
                .onErrorReturn(0L);
    }

    private Mono<Long> count(String key, Duration ttl) {
        if (redis == null) {
            if (local.size() > 100_000) {
                long cutoff = clock.millis() / 1000 / 60 - 61;
                local.keySet().removeIf(k -> k.contains(":m:") && Long.parseLong(k.substring(k.lastIndexOf(':') + 1)) < cutoff);
            }
            return Mono.just(local.computeIfAbsent(key, k -> new AtomicLong()).incrementAndGet());
        }
        return redis.opsForValue().increment(key)
                .flatMap(n -> n == 1 ? redis.expire(key, ttl).thenReturn(n) : Mono.just(n));
    }
}
