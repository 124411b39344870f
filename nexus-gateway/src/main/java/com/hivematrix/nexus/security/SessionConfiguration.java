package com.hivematrix.nexus.security;

import java.time.Duration;
import java.util.concurrent.ConcurrentHashMap;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.data.redis.connection.ReactiveRedisConnectionFactory;
import org.springframework.data.redis.core.ReactiveRedisTemplate;
import org.springframework.data.redis.serializer.JdkSerializationRedisSerializer;
import org.springframework.data.redis.serializer.RedisSerializationContext;
import org.springframework.data.redis.serializer.StringRedisSerializer;
import org.springframework.session.ReactiveMapSessionRepository;
import org.springframework.session.ReactiveSessionRepository;
import org.springframework.session.config.annotation.web.server.EnableSpringWebSession;
import org.springframework.session.data.redis.ReactiveRedisSessionRepository;
import org.springframework.web.server.session.CookieWebSessionIdResolver;
import org.springframework.web.server.session.WebSessionIdResolver;

import com.hivematrix.nexus.config.NexusProperties;
import com.hivematrix.nexus.routing.RegistryRoutes;
import com.hivematrix.shared.registry.ServiceInfo;
import com.hivematrix.shared.registry.ServiceRegistry;

/**
 * Browser sessions: in Redis when it answers at start (a restart of Nexus logs nobody out, replicas
 * share sessions), else in this process (single node; a restart logs everyone out). A replicated
 * Nexus does not start without Redis.
 */
@Configuration(proxyBeanMethods = false)
@EnableSpringWebSession
public class SessionConfiguration {

    private static final Logger log = LoggerFactory.getLogger(SessionConfiguration.class);

    @Bean
    RedisAvailability redisAvailability(ReactiveRedisConnectionFactory redis) {
        return RedisAvailability.probe(redis);
    }

    @Bean
    ReactiveSessionRepository<?> reactiveSessionRepository(RedisAvailability availability,
            ReactiveRedisConnectionFactory redis, NexusProperties props, ServiceRegistry registry) {
        Duration timeout = props.getSession().getTimeout();
        if (!availability.available() && registry.find(RegistryRoutes.NEXUS).map(ServiceInfo::replicated).orElse(false)) {
            // sessions in this process would make every other Nexus replica log the user out: refuse to
            // start (the supervisor retries) rather than serve split sessions
            throw new IllegalStateException("Nexus has replicas in deploy/services.json but Redis is unreachable: "
                    + "sessions could not be shared");
        }
        if (availability.available()) {
            RedisSerializationContext<String, Object> context = RedisSerializationContext
                    .<String, Object>newSerializationContext(new JdkSerializationRedisSerializer(getClass().getClassLoader()))
                    .key(StringRedisSerializer.UTF_8).hashKey(StringRedisSerializer.UTF_8).build();
            ReactiveRedisSessionRepository repository = new ReactiveRedisSessionRepository(
                    new ReactiveRedisTemplate<>(redis, context));
            repository.setRedisKeyNamespace(props.getSession().getRedisNamespace());
            repository.setDefaultMaxInactiveInterval(timeout);
            log.info("Web sessions in Redis (namespace {})", props.getSession().getRedisNamespace());
            return repository;
        }
        log.warn("Redis is unreachable: web sessions are kept in this process only (lost on restart, single node)");
        ReactiveMapSessionRepository repository = new ReactiveMapSessionRepository(new ConcurrentHashMap<>());
        repository.setDefaultMaxInactiveInterval(timeout);
        return repository;
    }

    /** Secure, HttpOnly, SameSite=Lax, path /, no Expires: a browser-session cookie. */
    @Bean
    WebSessionIdResolver webSessionIdResolver(NexusProperties props) {
        CookieWebSessionIdResolver resolver = new CookieWebSessionIdResolver();
        resolver.setCookieName(props.getSession().getCookieName());
        resolver.setCookieMaxAge(Duration.ofSeconds(-1));
        resolver.addCookieInitializer(cookie -> cookie.secure(true).httpOnly(true).sameSite("Lax").path("/"));
        return resolver;
    }
}
