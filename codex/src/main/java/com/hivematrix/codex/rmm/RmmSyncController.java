package com.hivematrix.codex.rmm;

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

/** RMM sync control (spec §2.4): the RMM sync with its account-number push, and the push alone. */
@RestController
@Tag(name = "RMM sync")
public class RmmSyncController {

    private final RmmProviders providers;
    private final RmmSyncService sync;
    private final AccountNumberPush push;
    private final SyncJobService jobs;

    public RmmSyncController(RmmProviders providers, RmmSyncService sync, AccountNumberPush push, SyncJobService jobs) {
        this.providers = providers;
        this.sync = sync;
        this.push = push;
        this.jobs = jobs;
    }

    /**
     * Pushes account numbers to sites first, then syncs assets, so a site numbered by the push
     * brings its devices in the same run (the original pushed after the sync, a run too late).
     */
    @PostMapping("/sync/datto")
    @PreAuthorize(Access.ADMIN_OR_SERVICE)
    @Operation(summary = "Assets from the default RMM, after pushing account numbers to its sites, in the background")
    public ResponseEntity<Map<String, Object>> syncRmm() {
        return start("rmm", "rmm", "RMM sync started in background (pushes account numbers first)", (provider, p) -> {
            push.push(provider, p);
            sync.sync(provider, p);
        });
    }

    @PostMapping("/sync/push-to-datto")
    @PreAuthorize(Access.ADMIN_OR_SERVICE)
    @Operation(summary = "Account numbers to the default RMM's sites (longest company name contained in the site name)")
    public ResponseEntity<Map<String, Object>> pushAccountNumbers() {
        return start("rmm-push", "push-to-datto", "account number push started in background", push::push);
    }

    interface RmmWork {
        void run(RmmProvider provider, SyncJobService.Progress progress);
    }

    private ResponseEntity<Map<String, Object>> start(String kind, String script, String message, RmmWork work) {
        RmmProvider provider;
        try {
            provider = providers.byDefault();
        } catch (RmmException.NotConfigured e) {
            return ResponseEntity.badRequest().body(Map.of("success", false, "error", e.getMessage()));
        }
        Map<String, Object> body = new LinkedHashMap<>();
        try {
            String id = jobs.start(kind, script, provider.name(), null, p -> work.run(provider, p));
            body.put("success", true);
            body.put("job_id", id);
            body.put("message", message);
            return ResponseEntity.ok(body);
        } catch (SyncJobService.AlreadyRunning e) {
            body.put("success", false);
            body.put("error", e.getMessage());
            body.put("job_id", e.jobId());
            return ResponseEntity.status(HttpStatus.CONFLICT).body(body);
        }
    }
}
