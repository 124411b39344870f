package com.hivematrix.shared.client;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Supplier;

import org.springframework.core.ParameterizedTypeReference;
import org.springframework.http.HttpMethod;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.web.client.HttpClientErrorException;
import org.springframework.web.client.HttpServerErrorException;
import org.springframework.web.client.ResourceAccessException;
import org.springframework.web.client.RestClient;

import com.hivematrix.shared.problem.ProblemException;
import com.hivematrix.shared.registry.ServiceRegistry;

import io.github.resilience4j.circuitbreaker.CallNotPermittedException;
import io.github.resilience4j.circuitbreaker.CircuitBreaker;
import io.github.resilience4j.circuitbreaker.CircuitBreakerRegistry;
import io.github.resilience4j.retry.Retry;
import io.github.resilience4j.retry.RetryRegistry;

/**
 * Calls another HiveMatrix service by name: base URL from the registry, a service token for that
 * target, the current correlation id, timeouts, retries for idempotent calls and a circuit breaker
 * per target. When the target cannot answer, the caller gets a 503 problem, never a hang.
 */
public class ServiceClient {

    private final ServiceRegistry registry;
    private final RestClient.Builder builder;
    private final ServiceTokenProvider tokens;
    private final CircuitBreakerRegistry breakers;
    private final RetryRegistry retries;
    private final Map<String, RestClient> clients;
    /** The user whose token is sent instead of this service's own, or null. */
    private final String userToken;

    public ServiceClient(ServiceRegistry registry, RestClient.Builder builder, ServiceTokenProvider tokens,
            CircuitBreakerRegistry breakers, RetryRegistry retries) {
        this(registry, builder, tokens, breakers, retries, new ConcurrentHashMap<>(), null);
    }

    private ServiceClient(ServiceRegistry registry, RestClient.Builder builder, ServiceTokenProvider tokens,
            CircuitBreakerRegistry breakers, RetryRegistry retries, Map<String, RestClient> clients, String userToken) {
        this.registry = registry;
        this.builder = builder;
        this.tokens = tokens;
        this.breakers = breakers;
        this.retries = retries;
        this.clients = clients;
        this.userToken = userToken;
    }

    /**
     * The same client acting for a user: the target sees the user's own HiveMatrix JWT and applies
     * the user's permissions, not this service's (e.g. a sync a client-level user must not start).
     */
    public ServiceClient asUser(String userJwt) {
        return new ServiceClient(registry, builder, tokens, breakers, retries, clients, userJwt);
    }

    public <T> T get(String service, String path, Class<T> type) {
        return exchange(service, HttpMethod.GET, path, null, ParameterizedTypeReference.forType(type));
    }

    public <T> T get(String service, String path, ParameterizedTypeReference<T> type) {
        return exchange(service, HttpMethod.GET, path, null, type);
    }

    public <T> T post(String service, String path, Object body, Class<T> type) {
        return exchange(service, HttpMethod.POST, path, body, ParameterizedTypeReference.forType(type));
    }

    public <T> T put(String service, String path, Object body, Class<T> type) {
        return exchange(service, HttpMethod.PUT, path, body, ParameterizedTypeReference.forType(type));
    }

    public void delete(String service, String path) {
        exchange(service, HttpMethod.DELETE, path, null, ParameterizedTypeReference.forType(Void.class));
    }

    public <T> T exchange(String service, HttpMethod method, String path, Object body, ParameterizedTypeReference<T> type) {
        RestClient client = clientFor(service);
        Supplier<T> call = () -> {
            RestClient.RequestBodySpec spec = client.method(method).uri(path)
                    .headers(h -> h.setBearerAuth(userToken != null ? userToken : tokens.tokenFor(service)));
            if (body != null) {
                spec.contentType(MediaType.APPLICATION_JSON).body(body);
            }
            try {
                return spec.retrieve().body(type);
            } catch (HttpClientErrorException.Unauthorized e) {
                if (userToken == null) {
                    tokens.evict(service);
                }
                throw e;
            }
        };
        CircuitBreaker breaker = breakers.circuitBreaker(service);
        Supplier<T> guarded = CircuitBreaker.decorateSupplier(breaker, call);
        if (isIdempotent(method)) {
            guarded = Retry.decorateSupplier(retries.retry(service), guarded);
        }
        try {
            return guarded.get();
        } catch (CallNotPermittedException e) {
            throw ProblemException.serviceUnavailable("Service " + service + " is unavailable (circuit open)", 30);
        } catch (ResourceAccessException | HttpServerErrorException e) {
            throw new ProblemException(HttpStatus.SERVICE_UNAVAILABLE, "Service " + service + " is unavailable", e);
        } catch (HttpClientErrorException e) {
            throw passThrough(service, e);
        }
    }

    private ProblemException passThrough(String service, HttpClientErrorException e) {
        int status = e.getStatusCode().value();
        if ((status == 401 || status == 403) && userToken == null) {
            return new ProblemException(HttpStatus.BAD_GATEWAY, "Service " + service + " refused this service's credentials", e);
        }
        return new ProblemException(e.getStatusCode(), "Service " + service + " answered: " + e.getStatusText(), e);
    }

    private static boolean isIdempotent(HttpMethod method) {
        return method == HttpMethod.GET || method == HttpMethod.HEAD || method == HttpMethod.PUT
                || method == HttpMethod.DELETE || method == HttpMethod.OPTIONS;
    }

    private RestClient clientFor(String service) {
        return clients.computeIfAbsent(service, name -> {
            String url = registry.find(name)
                    .orElseThrow(() -> ProblemException.badRequest("Unknown service: " + name))
                    .url();
            return builder.clone().baseUrl(url).build();
        });
    }
}
