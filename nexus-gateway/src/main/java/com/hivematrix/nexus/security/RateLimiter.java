package com.hivematrix.nexus.security;

import reactor.core.publisher.Mono;

/** Per-user request budget; answers 0 when allowed, else the seconds until the caller may retry. */
public interface RateLimiter {

    Mono<Long> check(String key);

    static RateLimiter unlimited() {
        return key -> Mono.just(0L);
    }
}
