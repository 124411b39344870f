package com.hivematrix.nexus.config;

import java.time.Clock;

import org.springframework.cloud.gateway.route.RouteLocator;
import org.springframework.cloud.loadbalancer.annotation.LoadBalancerClients;
import org.springframework.cloud.gateway.route.builder.RouteLocatorBuilder;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.env.Environment;
import org.springframework.data.redis.connection.ReactiveRedisConnectionFactory;
import org.springframework.data.redis.core.ReactiveStringRedisTemplate;
import org.springframework.http.client.reactive.ReactorClientHttpConnector;
import org.springframework.web.reactive.function.client.WebClient;

import io.netty.channel.ChannelOption;
import io.micrometer.tracing.propagation.Propagator;
import reactor.netty.http.client.HttpClient;

import com.hivematrix.nexus.compose.CompositionFilter;
import com.hivematrix.nexus.compose.UserPreferences;
import com.hivematrix.nexus.login.CoreClient;
import com.hivematrix.nexus.routing.ForwardedHeadersWriter;
import com.hivematrix.nexus.routing.PathRules;
import com.hivematrix.nexus.routing.RegistryInstances;
import com.hivematrix.nexus.routing.RegistryRoutes;
import com.hivematrix.nexus.routing.RelayFilter;
import com.hivematrix.nexus.routing.UpstreamCookieFilter;
import com.hivematrix.nexus.security.ApiTokenExchange;
import com.hivematrix.nexus.security.EdgeFilter;
import com.hivematrix.nexus.security.RateLimiter;
import com.hivematrix.nexus.security.RedisAvailability;
import com.hivematrix.nexus.security.SessionValidator;
import com.hivematrix.nexus.security.WindowRateLimiter;
import com.hivematrix.shared.client.ServiceTokenProvider;
import com.hivematrix.shared.registry.ServiceRegistry;
import com.hivematrix.shared.version.VersionInfo;

/** Wires the gateway: routes from the registry, the edge filter, the relay, Core. */
@Configuration(proxyBeanMethods = false)
@LoadBalancerClients(defaultConfiguration = RegistryInstances.class)
public class NexusConfiguration {

    @Bean
    Clock clock() {
        return Clock.systemUTC();
    }

    @Bean
    RouteLocator registryRoutes(RouteLocatorBuilder builder, ServiceRegistry registry, NexusProperties props) {
        return RegistryRoutes.build(builder, registry, props);
    }

    @Bean
    CoreClient coreClient(ServiceRegistry registry) {
        HttpClient http = HttpClient.create().option(ChannelOption.CONNECT_TIMEOUT_MILLIS, 2000);
        return new CoreClient(WebClient.builder().clientConnector(new ReactorClientHttpConnector(http)), registry);
    }

    @Bean
    SessionValidator sessionValidator(CoreClient core, NexusProperties props, Clock clock) {
        return new SessionValidator(core, props.getSession().getValidationCacheTtl(), props.getSession().getCoreOutageGrace(), clock);
    }

    @Bean
    PathRules pathRules(NexusProperties props) {
        return new PathRules(props);
    }

    @Bean
    RateLimiter rateLimiter(NexusProperties props, RedisAvailability redis, ReactiveRedisConnectionFactory factory, Clock clock) {
        NexusProperties.RateLimit limits = props.getRateLimit();
        if (!limits.isEnabled()) {
            return RateLimiter.unlimited();
        }
        return new WindowRateLimiter(redis.available() ? new ReactiveStringRedisTemplate(factory) : null,
                limits.getPerMinute(), limits.getPerHour(), "nexus:ratelimit:", clock);
    }

    @Bean
    EdgeFilter edgeFilter(ServiceRegistry registry, PathRules rules, SessionValidator validator, RateLimiter limiter,
            CoreClient core, NexusProperties props, Clock clock, Environment env) {
        EdgeFilter edge = new EdgeFilter(registry, rules, validator, limiter, new ApiTokenExchange(core, clock),
                props.getSession().getCookieName(), props.getKeycloak().getPublicPath(), clock);
        Integer managementPort = env.getProperty("management.server.port", Integer.class);
        if (managementPort != null && managementPort > 0) {
            edge.setManagementPort(managementPort);
        }
        return edge;
    }

    @Bean
    RelayFilter relayFilter(NexusProperties props, ObjectProvider<Propagator> propagator) {
        return new RelayFilter(props.getSession().getCookieName(), propagator.getIfAvailable());
    }

    @Bean
    UserPreferences userPreferences(ServiceRegistry registry, ServiceTokenProvider tokens, NexusProperties props, Clock clock) {
        HttpClient http = HttpClient.create().option(ChannelOption.CONNECT_TIMEOUT_MILLIS, 1000);
        return new UserPreferences(registry, tokens, WebClient.builder().clientConnector(new ReactorClientHttpConnector(http)),
                props.getTheme().getCacheTtl(), clock);
    }

    @Bean
    CompositionFilter compositionFilter(ServiceRegistry registry, UserPreferences preferences, VersionInfo version) {
        return new CompositionFilter(registry, preferences, version.version());
    }

    @Bean
    ForwardedHeadersWriter forwardedHeadersWriter() {
        return new ForwardedHeadersWriter();
    }

    @Bean
    UpstreamCookieFilter upstreamCookieFilter(NexusProperties props) {
        return new UpstreamCookieFilter(props.getSession().getCookieName());
    }
}
