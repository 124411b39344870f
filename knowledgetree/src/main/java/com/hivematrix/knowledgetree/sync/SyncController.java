package com.hivematrix.knowledgetree.sync;

import java.util.LinkedHashMap;
import java.util.Map;

import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.security.core.Authentication;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RestController;

import com.hivematrix.knowledgetree.node.Access;
import com.hivematrix.knowledgetree.node.Actor;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;

/** The original's sync routes, now starting background jobs (202) whose progress the admin page polls. */
@RestController
@Tag(name = "Admin")
public class SyncController {

    private final SyncJobs jobs;

    public SyncController(SyncJobs jobs) {
        this.jobs = jobs;
    }

    @PostMapping("/admin/sync/codex")
    @PreAuthorize(Access.ADMIN)
    @Operation(summary = "Start the Codex company sync (companies, contacts, assets) in the background; 409 while a sync runs")
    public ResponseEntity<Map<String, Object>> codex(Authentication auth) {
        return started(jobs.start(SyncJobs.Kind.CODEX, Actor.of(auth)), "Codex sync started");
    }

    @PostMapping("/admin/sync/tickets")
    @PreAuthorize(Access.ADMIN)
    @Operation(summary = "Start the ticket sync in the background (the original's 'overwrite' flag is accepted and, as there, not needed)")
    public ResponseEntity<Map<String, Object>> tickets(Authentication auth) {
        return started(jobs.start(SyncJobs.Kind.TICKETS, Actor.of(auth)), "Ticket sync started");
    }

    @GetMapping("/admin/sync/job")
    @PreAuthorize(Access.ADMIN)
    @Operation(summary = "The running or last sync job with its progress; {job: null} before the first")
    public Map<String, Object> job() {
        SyncJobs.Job job = jobs.current();
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("job", job == null ? null : job.toJson());
        return m;
    }

    private static ResponseEntity<Map<String, Object>> started(SyncJobs.Job job, String message) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("success", true);
        m.put("message", message);
        m.put("job", job.toJson());
        return ResponseEntity.status(HttpStatus.ACCEPTED).body(m);
    }
}
