package com.hivematrix.nexus.web;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpTimeoutException;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;

import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RestController;

import com.hivematrix.nexus.config.NexusProperties;
import com.hivematrix.shared.health.HealthDocument;
import com.hivematrix.shared.health.HealthDocumentService;

import reactor.core.publisher.Mono;
import reactor.core.scheduler.Schedulers;

/**
 * {@code GET /health}: the platform's health document with Core (from the registry) and Keycloak
 * (its readiness URL on the management port) as dependencies; 200 only when healthy.
 */
@RestController
public class NexusHealthController {

    private final HealthDocumentService documents;
    private final String keycloakHealthUrl;
    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();

    public NexusHealthController(HealthDocumentService documents, NexusProperties props) {
        this.documents = documents;
        NexusProperties.Keycloak kc = props.getKeycloak();
        if (kc.getHealthUrl() != null && !kc.getHealthUrl().isBlank()) {
            this.keycloakHealthUrl = kc.getHealthUrl();
        } else {
            URI backend = URI.create(kc.getBackendUrl());
            this.keycloakHealthUrl = backend.getScheme() + "://" + backend.getHost() + ":9000"
                    + (backend.getRawPath() == null ? "" : backend.getRawPath()) + "/health/ready";
        }
    }

    @GetMapping("/health")
    public Mono<ResponseEntity<HealthDocument>> health() {
        return Mono.fromCallable(this::check).subscribeOn(Schedulers.boundedElastic())
                .map(doc -> ResponseEntity.status(doc.isHealthy() ? HttpStatus.OK : HttpStatus.SERVICE_UNAVAILABLE).body(doc));
    }

    @SuppressWarnings("unchecked")
    HealthDocument check() {
        HealthDocument base = documents.check();
        Map<String, Object> checks = new LinkedHashMap<>(base.checks());
        Map<String, Object> deps = new LinkedHashMap<>((Map<String, Object>) checks.getOrDefault("dependencies", Map.of()));
        Map<String, Object> keycloak = keycloak();
        deps.put("keycloak", keycloak);
        checks.put("dependencies", deps);
        String status = base.status();
        if (HealthDocument.HEALTHY.equals(status) && !HealthDocument.HEALTHY.equals(keycloak.get("status"))) {
            status = HealthDocument.DEGRADED;
        }
        return new HealthDocument(base.service(), status, base.timestamp(), base.version(), base.environment(), checks);
    }

    private Map<String, Object> keycloak() {
        Map<String, Object> result = new LinkedHashMap<>();
        long start = System.nanoTime();
        try {
            HttpResponse<Void> response = http.send(HttpRequest.newBuilder(URI.create(keycloakHealthUrl))
                    .timeout(Duration.ofSeconds(2)).GET().build(), HttpResponse.BodyHandlers.discarding());
            if (response.statusCode() == 200) {
                result.put("status", HealthDocument.HEALTHY);
                result.put("response_time_ms", (System.nanoTime() - start) / 1_000_000);
            } else {
                result.put("status", HealthDocument.UNHEALTHY);
                result.put("http_status", response.statusCode());
            }
        } catch (HttpTimeoutException e) {
            result.put("status", HealthDocument.UNHEALTHY);
            result.put("error", "timeout");
        } catch (java.net.ConnectException e) {
            result.put("status", HealthDocument.UNHEALTHY);
            result.put("error", "connection_refused");
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            result.put("status", HealthDocument.UNHEALTHY);
            result.put("error", "interrupted");
        } catch (Exception e) {
            result.put("status", HealthDocument.UNHEALTHY);
            result.put("error", String.valueOf(e.getMessage()));
        }
        return result;
    }
}
