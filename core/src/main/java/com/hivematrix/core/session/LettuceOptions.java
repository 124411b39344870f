package com.hivematrix.core.session;

import java.time.Duration;
import java.util.concurrent.TimeUnit;

import org.springframework.boot.data.redis.autoconfigure.ClientResourcesBuilderCustomizer;
import org.springframework.boot.data.redis.autoconfigure.LettuceClientOptionsBuilderCustomizer;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

import io.lettuce.core.ClientOptions;
import io.lettuce.core.resource.Delay;

/**
 * While disconnected, Lettuce rejects commands at once instead of queueing them until the timeout, and
 * it retries the connection at most every 2 s, so Core is back on Redis soon after it returns.
 */
@Configuration(proxyBeanMethods = false)
class LettuceOptions {

    @Bean
    LettuceClientOptionsBuilderCustomizer failFastWhenDisconnected() {
        return builder -> builder.autoReconnect(true).disconnectedBehavior(ClientOptions.DisconnectedBehavior.REJECT_COMMANDS);
    }

    @Bean
    ClientResourcesBuilderCustomizer quickReconnect() {
        return builder -> builder.reconnectDelay(Delay.exponential(Duration.ofMillis(100), Duration.ofSeconds(2), 2, TimeUnit.MILLISECONDS));
    }
}
