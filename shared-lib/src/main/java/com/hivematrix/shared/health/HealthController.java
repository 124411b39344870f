package com.hivematrix.shared.health;

import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RestController;

import io.swagger.v3.oas.annotations.Operation;

/** {@code GET /health}: 200 when healthy, 503 when degraded or unhealthy (as the original). */
@RestController
public class HealthController {

    private final HealthDocumentService health;

    public HealthController(HealthDocumentService health) {
        this.health = health;
    }

    @GetMapping("/health")
    @Operation(summary = "Health of this service and what it depends on")
    public ResponseEntity<HealthDocument> health() {
        HealthDocument doc = health.check();
        return ResponseEntity.status(doc.isHealthy() ? HttpStatus.OK : HttpStatus.SERVICE_UNAVAILABLE).body(doc);
    }
}
