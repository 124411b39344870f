package com.hivematrix.nexus.security;

import java.time.Duration;

import org.springframework.data.redis.connection.ReactiveRedisConnectionFactory;

/** Whether Redis answered a PING when Nexus started; decides where sessions and rate limits live. */
public record RedisAvailability(boolean available) {

    public static RedisAvailability probe(ReactiveRedisConnectionFactory redis) {
        try {
            String pong = redis.getReactiveConnection().ping().block(Duration.ofSeconds(2));
            return new RedisAvailability("PONG".equalsIgnoreCase(pong));
        } catch (RuntimeException e) {
            return new RedisAvailability(false);
        }
    }
}
