package com.hivematrix.nexus.login;

import java.time.Duration;
import java.util.Map;

import org.springframework.http.HttpStatusCode;
import org.springframework.http.MediaType;
import org.springframework.web.reactive.function.client.WebClient;
import org.springframework.web.reactive.function.client.WebClientResponseException;

import com.hivematrix.shared.registry.ServiceRegistry;

import reactor.core.publisher.Mono;

/** Nexus's calls to Core: exchange a Keycloak access token, validate and revoke a HiveMatrix session. */
public class CoreClient {

    /** Core's answer to "is this session still valid?". */
    public enum Verdict { VALID, INVALID, UNAVAILABLE }

    public record Validation(Verdict verdict, Map<String, Object> user) {
    }

    /** Core refused the Keycloak token (4xx). */
    public static class ExchangeRejectedException extends RuntimeException {
        public ExchangeRejectedException(String message) {
            super(message);
        }
    }

    private static final Duration EXCHANGE_TIMEOUT = Duration.ofSeconds(10);
    private static final Duration VALIDATE_TIMEOUT = Duration.ofSeconds(2);
    private static final Duration REVOKE_TIMEOUT = Duration.ofSeconds(5);

    private final WebClient core;

    public CoreClient(WebClient.Builder builder, ServiceRegistry registry) {
        this.core = builder.clone().baseUrl(registry.require("core").url()).build();
    }

    /** The HiveMatrix JWT for a Keycloak access token; errors with {@link ExchangeRejectedException} on a 4xx. */
    @SuppressWarnings("unchecked")
    public Mono<String> exchange(String keycloakAccessToken) {
        return core.post().uri("/api/token/exchange")
                .contentType(MediaType.APPLICATION_JSON)
                .bodyValue(Map.of("access_token", keycloakAccessToken))
                .retrieve()
                .onStatus(HttpStatusCode::is4xxClientError, r -> r.bodyToMono(String.class).defaultIfEmpty("")
                        .map(body -> new ExchangeRejectedException("Core refused the token: " + r.statusCode() + " " + body)))
                .bodyToMono(Map.class)
                .timeout(EXCHANGE_TIMEOUT)
                .flatMap(body -> body.get("token") instanceof String token && !token.isBlank()
                        ? Mono.just(token) : Mono.error(new IllegalStateException("Core's exchange answer has no token")));
    }

    @SuppressWarnings("unchecked")
    public Mono<Validation> validate(String token) {
        return core.post().uri("/api/token/validate")
                .contentType(MediaType.APPLICATION_JSON)
                .bodyValue(Map.of("token", token))
                .exchangeToMono(response -> {
                    if (response.statusCode().value() == 200) {
                        return response.bodyToMono(Map.class).map(body -> Boolean.TRUE.equals(body.get("valid"))
                                ? new Validation(Verdict.VALID, body.get("user") instanceof Map<?, ?> u ? (Map<String, Object>) u : Map.of())
                                : new Validation(Verdict.INVALID, Map.of()));
                    }
                    if (response.statusCode().value() == 401 || response.statusCode().value() == 400) {
                        return response.releaseBody().thenReturn(new Validation(Verdict.INVALID, Map.of()));
                    }
                    return response.releaseBody().thenReturn(new Validation(Verdict.UNAVAILABLE, Map.of()));
                })
                .timeout(VALIDATE_TIMEOUT)
                .onErrorResume(e -> Mono.just(new Validation(Verdict.UNAVAILABLE, Map.of())));
    }

    /** Revokes the session; true when Core confirmed (or it was already gone), false when Core could not be asked. */
    public Mono<Boolean> revoke(String token) {
        return core.post().uri("/api/token/revoke")
                .contentType(MediaType.APPLICATION_JSON)
                .bodyValue(Map.of("token", token))
                .exchangeToMono(response -> response.releaseBody()
                        .thenReturn(response.statusCode().is2xxSuccessful() || response.statusCode().value() == 404))
                .timeout(REVOKE_TIMEOUT)
                .onErrorResume(WebClientResponseException.class, e -> Mono.just(false))
                .onErrorResume(e -> Mono.just(false));
    }
}
