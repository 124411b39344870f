package com.hivematrix.shared.client;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.time.Clock;
import java.time.Duration;
import java.util.function.Supplier;

import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.boot.http.client.ClientHttpRequestFactoryBuilder;
import org.springframework.boot.http.client.HttpClientSettings;
import org.springframework.context.annotation.Bean;
import org.springframework.web.client.HttpServerErrorException;
import org.springframework.web.client.ResourceAccessException;
import org.springframework.web.client.RestClient;

import com.hivematrix.shared.config.HivematrixProperties;
import com.hivematrix.shared.registry.ServiceRegistry;
import com.hivematrix.shared.web.CorrelationId;
import com.hivematrix.shared.web.CorrelationIdFilter;

import io.github.resilience4j.circuitbreaker.CircuitBreakerConfig;
import io.github.resilience4j.circuitbreaker.CircuitBreakerRegistry;
import io.github.resilience4j.retry.RetryConfig;
import io.github.resilience4j.retry.RetryRegistry;

/** The registry and everything a service needs to call another one. */
@AutoConfiguration
@EnableConfigurationProperties(HivematrixProperties.class)
public class HivematrixClientConfiguration {

    @Bean
    @ConditionalOnMissingBean
    ServiceRegistry serviceRegistry(HivematrixProperties props) {
        return ServiceRegistry.load(props.getRegistryFile());
    }

    /** Timeouts and correlation-id propagation for every platform call. */
    @Bean
    @Qualifier("hivematrix")
    RestClient.Builder hivematrixRestClientBuilder(HivematrixProperties props) {
        HttpClientSettings settings = HttpClientSettings.defaults()
                .withTimeouts(props.getClient().getConnectTimeout(), props.getClient().getReadTimeout());
        return RestClient.builder()
                .requestFactory(ClientHttpRequestFactoryBuilder.jdk().build(settings))
                .requestInterceptor((request, body, execution) -> {
                    CorrelationId.current().ifPresent(id -> request.getHeaders().set(CorrelationIdFilter.HEADER, id));
                    return execution.execute(request, body);
                });
    }

    @Bean
    @Qualifier("coreRestClient")
    RestClient coreRestClient(@Qualifier("hivematrix") RestClient.Builder builder, ServiceRegistry registry) {
        return builder.clone().baseUrl(registry.require("core").url()).build();
    }

    @Bean
    @ConditionalOnMissingBean
    ServiceTokenProvider serviceTokenProvider(@Qualifier("coreRestClient") RestClient core, HivematrixProperties props) {
        return new ServiceTokenProvider(core, props.getServiceName(), secretOf(props),
                props.getClient().getTokenRefreshMargin(), Clock.systemUTC());
    }

    @Bean
    @ConditionalOnMissingBean
    CircuitBreakerRegistry circuitBreakerRegistry() {
        return CircuitBreakerRegistry.of(CircuitBreakerConfig.custom()
                .slidingWindowSize(20)
                .minimumNumberOfCalls(10)
                .failureRateThreshold(50)
                .waitDurationInOpenState(Duration.ofSeconds(30))
                .recordExceptions(ResourceAccessException.class, HttpServerErrorException.class)
                .build());
    }

    @Bean
    @ConditionalOnMissingBean
    RetryRegistry retryRegistry(HivematrixProperties props) {
        return RetryRegistry.of(RetryConfig.custom()
                .maxAttempts(props.getClient().getMaxAttempts())
                .waitDuration(Duration.ofMillis(200))
                .retryExceptions(ResourceAccessException.class, HttpServerErrorException.class)
                .build());
    }

    @Bean
    @ConditionalOnMissingBean
    ServiceClient serviceClient(ServiceRegistry registry, @Qualifier("hivematrix") RestClient.Builder builder,
            ServiceTokenProvider tokens, CircuitBreakerRegistry breakers, RetryRegistry retries) {
        return new ServiceClient(registry, builder, tokens, breakers, retries);
    }

    /** The secret is read when first needed, so a service that never calls another needs none. */
    private static Supplier<String> secretOf(HivematrixProperties props) {
        return () -> {
            if (props.getServiceSecret() != null && !props.getServiceSecret().isBlank()) {
                return props.getServiceSecret();
            }
            try {
                return Files.readString(props.getServiceSecretFile()).trim();
            } catch (IOException e) {
                throw new UncheckedIOException("No service secret: set HIVEMATRIX_SERVICE_SECRET or create "
                        + props.getServiceSecretFile(), e);
            }
        };
    }
}
