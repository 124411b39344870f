package com.hivematrix.codex.agent;

import java.util.LinkedHashMap;
import java.util.Map;

import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RestController;

import com.hivematrix.codex.sync.SyncJobService;
import com.hivematrix.codex.web.Access;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;

/** The two entry points of the Keycloak agent import (spec §2.4, §2.9): a background job and a synchronous call. */
@RestController
@Tag(name = "Agents")
public class AgentSyncController {

    private final KeycloakAgentImport keycloak;
    private final SyncJobService jobs;

    public AgentSyncController(KeycloakAgentImport keycloak, SyncJobService jobs) {
        this.keycloak = keycloak;
        this.jobs = jobs;
    }

    @PostMapping("/sync/agents")
    @PreAuthorize(Access.ADMIN_OR_SERVICE)
    @Operation(summary = "Imports Keycloak users as agents in the background")
    public ResponseEntity<Map<String, Object>> syncAgents() {
        Map<String, Object> body = new LinkedHashMap<>();
        try {
            String id = jobs.start("keycloak-agents", "keycloak_agents", "keycloak", null, keycloak::run);
            body.put("success", true);
            body.put("job_id", id);
            body.put("message", "Keycloak agent sync started in background");
            return ResponseEntity.ok(body);
        } catch (SyncJobService.AlreadyRunning e) {
            body.put("success", false);
            body.put("error", e.getMessage());
            body.put("job_id", e.jobId());
            return ResponseEntity.status(HttpStatus.CONFLICT).body(body);
        }
    }

    @PostMapping("/api/agents/sync")
    @PreAuthorize(Access.ADMIN)
    @Operation(summary = "Imports Keycloak users as agents and answers the counts")
    public ResponseEntity<Map<String, Object>> syncNow() {
        Map<String, Object> body = new LinkedHashMap<>();
        KeycloakAgentImport.Result r;
        try {
            r = keycloak.run(null);
        } catch (IllegalStateException e) {
            body.put("error", e.getMessage());
            return ResponseEntity.status(HttpStatus.BAD_GATEWAY).body(body);
        }
        body.put("success", true);
        body.put("synced", r.created() + r.updated());
        body.put("created", r.created());
        body.put("updated", r.updated());
        body.put("total_keycloak_users", r.total());
        body.put("errors", r.errors().isEmpty() ? null : r.errors());
        return ResponseEntity.ok(body);
    }
}
