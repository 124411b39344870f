package com.hivematrix.beacon.sync;

import java.util.LinkedHashMap;
import java.util.Map;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.security.oauth2.jwt.Jwt;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.client.HttpClientErrorException;
import org.springframework.web.client.ResourceAccessException;
import org.springframework.web.client.RestClient;
import org.springframework.web.client.RestClientException;

import com.hivematrix.beacon.board.BoardPageController;
import com.hivematrix.shared.registry.ServiceRegistry;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import tools.jackson.databind.JsonNode;

/**
 * "Sync Tickets": starts Codex's ticket sync and reads its progress AS THE USER — the caller's own
 * bearer token goes to Codex, never Beacon's service token, so Codex's technician/admin check
 * applies (the original let any logged-in user sync through Beacon's service token, spec §13.19).
 * Answers keep the original's shapes ({success, error} / {error}).
 */
@RestController
@Tag(name = "Sync")
public class SyncController {

    static final String DENIED = "Permission denied. Technician or admin access required.";
    static final String FAILED = "Failed to start ticket sync";
    private static final Logger log = LoggerFactory.getLogger(SyncController.class);

    private final RestClient codex;

    public SyncController(@Qualifier("hivematrix") RestClient.Builder builder, ServiceRegistry registry) {
        this.codex = builder.clone().baseUrl(registry.require("codex").url()).build();
    }

    @PostMapping("/api/sync/tickets")
    @PreAuthorize(BoardPageController.STAFF)
    @Operation(summary = "Start Codex's ticket sync with the caller's permissions")
    public ResponseEntity<?> sync(@AuthenticationPrincipal Jwt user) {
        try {
            JsonNode body = codex.post().uri("/sync/tickets")
                    .headers(h -> h.setBearerAuth(user.getTokenValue()))
                    .contentType(MediaType.APPLICATION_JSON)
                    .body(Map.of())
                    .retrieve().body(JsonNode.class);
            return ResponseEntity.ok(body == null ? Map.of("success", true) : body);
        } catch (HttpClientErrorException e) {
            if (e.getStatusCode().value() == 401 || e.getStatusCode().value() == 403) {
                return failure(HttpStatus.FORBIDDEN, DENIED);
            }
            log.warn("Codex refused the ticket sync: {}", e.getStatusCode());
            return failure(HttpStatus.INTERNAL_SERVER_ERROR, FAILED);
        } catch (ResourceAccessException e) {
            log.warn("Codex unreachable for the ticket sync: {}", e.getMessage());
            return failure(HttpStatus.SERVICE_UNAVAILABLE, FAILED);
        } catch (RestClientException e) {
            log.warn("Codex ticket sync failed: {}", e.getMessage());
            return failure(HttpStatus.INTERNAL_SERVER_ERROR, FAILED);
        }
    }

    @GetMapping("/api/sync/status/{jobId}")
    @PreAuthorize(BoardPageController.STAFF)
    @Operation(summary = "Progress of a sync job, read with the caller's permissions")
    public ResponseEntity<?> status(@PathVariable String jobId, @AuthenticationPrincipal Jwt user) {
        try {
            JsonNode body = codex.get().uri("/sync/status/{id}", jobId)
                    .headers(h -> h.setBearerAuth(user.getTokenValue()))
                    .retrieve().body(JsonNode.class);
            return ResponseEntity.ok(body);
        } catch (HttpClientErrorException.NotFound e) {
            return ResponseEntity.status(HttpStatus.NOT_FOUND).body(Map.of("error", "Job not found"));
        } catch (HttpClientErrorException e) {
            if (e.getStatusCode().value() == 401 || e.getStatusCode().value() == 403) {
                return ResponseEntity.status(HttpStatus.FORBIDDEN).body(Map.of("error", DENIED));
            }
            return ResponseEntity.status(HttpStatus.INTERNAL_SERVER_ERROR).body(Map.of("error", "Failed to get sync status"));
        } catch (RestClientException e) {
            return ResponseEntity.status(HttpStatus.SERVICE_UNAVAILABLE).body(Map.of("error", "Failed to get sync status"));
        }
    }

    private static ResponseEntity<Map<String, Object>> failure(HttpStatus status, String error) {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("success", false);
        body.put("error", error);
        return ResponseEntity.status(status).body(body);
    }
}
