package com.hivematrix.core.ratelimit;

import java.time.Duration;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;

import org.springframework.data.redis.core.StringRedisTemplate;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;

import com.hivematrix.core.config.CoreProperties;
import com.hivematrix.core.session.RedisState;
import com.hivematrix.shared.problem.ProblemException;

import jakarta.servlet.http.HttpServletRequest;

/**
 * Fixed-window request limits per endpoint and client: Redis INCR + EXPIRE (shared by Core replicas),
 * an in-process counter while Redis is down. Over the limit → 429 problem with Retry-After.
 */
@Component
public class RateLimiter {

    private final StringRedisTemplate redis;
    private final RedisState redisState;
    private final Duration window;
    private final Map<String, AtomicLong> local = new ConcurrentHashMap<>();

    public RateLimiter(StringRedisTemplate redis, RedisState redisState, CoreProperties props) {
        this.redis = redis;
        this.redisState = redisState;
        this.window = props.getRateLimits().getWindow();
    }

    /** Counts this request; throws a 429 problem when the client is over {@code limit} in the current window. */
    public void check(String endpoint, HttpServletRequest request, int limit) {
        if (limit <= 0) {
            return;
        }
        long windowMs = window.toMillis();
        long now = System.currentTimeMillis();
        long windowIndex = now / windowMs;
        String key = "ratelimit:" + endpoint + ":" + ClientAddress.of(request) + ":" + windowIndex;
        long count = increment(key, windowMs);
        if (count > limit) {
            long retryAfter = Math.max(1, ((windowIndex + 1) * windowMs - now + 999) / 1000);
            throw ProblemException.tooManyRequests(retryAfter);
        }
    }

    private long increment(String key, long windowMs) {
        if (redisState.isUp()) {
            try {
                Long count = redis.opsForValue().increment(key);
                if (count != null && count == 1) {
                    redis.expire(key, Duration.ofMillis(windowMs + 1000));
                }
                if (count != null) {
                    return count;
                }
            } catch (RuntimeException e) {
                redisState.markDown(e);
            }
        }
        return local.computeIfAbsent(key, k -> new AtomicLong()).incrementAndGet();
    }

    @Scheduled(fixedDelay = 60_000)
    public void sweep() {
        long current = System.currentTimeMillis() / window.toMillis();
        local.keySet().removeIf(k -> Long.parseLong(k.substring(k.lastIndexOf(':') + 1)) < current - 1);
    }
}
