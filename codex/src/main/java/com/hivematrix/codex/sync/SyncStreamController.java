package com.hivematrix.codex.sync;

import java.util.Map;

import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.servlet.mvc.method.annotation.SseEmitter;

import com.hivematrix.codex.web.Access;
import com.hivematrix.shared.problem.ProblemException;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;

/**
 * {@code GET /sync/status/{jobId}/stream}: a sync job's progress as {@code text/event-stream}
 * (the admin sync centre and Beacon watch it instead of polling {@code /sync/status/{jobId}}).
 * Same permission as the status endpoint: technician/admin users and services.
 */
@RestController
@Tag(name = "PSA sync")
public class SyncStreamController {

    private final SyncProgressStream stream;

    public SyncStreamController(SyncProgressStream stream) {
        this.stream = stream;
    }

    @GetMapping("/sync/status/{jobId}/stream")
    @PreAuthorize(Access.TECH_USER + " or hasRole('SERVICE')")
    @Operation(summary = "Live progress of a sync job: 'progress' events while it runs, one 'done' event at the end, "
            + "keep-alive comments every 15 s")
    public SseEmitter stream(@PathVariable String jobId) {
        Map<String, Object> current = stream.snapshot(jobId);
        if (current == null) {
            throw ProblemException.notFound("Job not found: " + jobId);
        }
        return stream.watch(jobId, current);
    }
}
