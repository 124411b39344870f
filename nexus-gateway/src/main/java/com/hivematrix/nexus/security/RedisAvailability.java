package com.hivematrix.nexus.security;

import java.time.Duration;

import org.springframework.data.redis.connection.ReactiveRedisConnectionFactory;

import reactor.core.publisher.Mono;
import reactor.util.retry.Retry;

/** Whether Redis answered a PING when Nexus started; decides where sessions and rate limits live. */
public record RedisAvailability(boolean available) {

    /**
     * Up to four PINGs over about ten seconds: a busy machine (several JVMs starting at once) can take
     * longer than one short timeout to open the first connection, and a single missed PING would put
     * this Nexus's sessions in its own memory for its whole life.
     */
    public static RedisAvailability probe(ReactiveRedisConnectionFactory redis) {
        try {
            String pong = Mono.defer(() -> redis.getReactiveConnection().ping())
                    .timeout(Duration.ofSeconds(2))
                    .retryWhen(Retry.fixedDelay(3, Duration.ofMillis(500)))
                    .block(Duration.ofSeconds(12));
            return new RedisAvailability("PONG".equalsIgnoreCase(pong));
        } catch (RuntimeException e) {
            return new RedisAvailability(false);
        }
    }
}
