package com.hivematrix.beacon.sync;

import java.util.LinkedHashMap;
import java.util.Map;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.security.oauth2.jwt.Jwt;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.util.UriComponentsBuilder;

import com.hivematrix.beacon.board.BoardPageController;
import com.hivematrix.shared.client.ServiceClient;
import com.hivematrix.shared.problem.ProblemException;

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

    private final ServiceClient codex;

    public SyncController(ServiceClient services) {
        this.codex = services;
    }

    @PostMapping("/api/sync/tickets")
    @PreAuthorize(BoardPageController.STAFF)
    @Operation(summary = "Start Codex's ticket sync with the caller's permissions")
    public ResponseEntity<?> sync(@AuthenticationPrincipal Jwt user) {
        try {
            JsonNode body = codex.asUser(user.getTokenValue()).post("codex", "/sync/tickets", Map.of(), JsonNode.class);
            return ResponseEntity.ok(body == null ? Map.of("success", true) : body);
        } catch (ProblemException e) {
            int status = e.getStatusCode().value();
            if (status == 401 || status == 403) {
                return failure(HttpStatus.FORBIDDEN, DENIED);
            }
            log.warn("Codex ticket sync failed: {}", e.getBody().getDetail());
            return failure(status == 503 ? HttpStatus.SERVICE_UNAVAILABLE : HttpStatus.INTERNAL_SERVER_ERROR, FAILED);
        }
    }

    @GetMapping("/api/sync/status/{jobId}")
    @PreAuthorize(BoardPageController.STAFF)
    @Operation(summary = "Progress of a sync job, read with the caller's permissions")
    public ResponseEntity<?> status(@PathVariable String jobId, @AuthenticationPrincipal Jwt user) {
        try {
            String path = UriComponentsBuilder.fromPath("/sync/status/{id}").buildAndExpand(jobId).encode().toUriString();
            return ResponseEntity.ok(codex.asUser(user.getTokenValue()).get("codex", path, JsonNode.class));
        } catch (ProblemException e) {
            int status = e.getStatusCode().value();
            if (status == 404) {
                return ResponseEntity.status(HttpStatus.NOT_FOUND).body(Map.of("error", "Job not found"));
            }
            if (status == 401 || status == 403) {
                return ResponseEntity.status(HttpStatus.FORBIDDEN).body(Map.of("error", DENIED));
            }
            return ResponseEntity.status(status == 503 ? HttpStatus.SERVICE_UNAVAILABLE : HttpStatus.INTERNAL_SERVER_ERROR)
                    .body(Map.of("error", "Failed to get sync status"));
        }
    }

    private static ResponseEntity<Map<String, Object>> failure(HttpStatus status, String error) {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("success", false);
        body.put("error", error);
        return ResponseEntity.status(status).body(body);
    }
}
