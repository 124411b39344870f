package com.hivematrix.codex.psa;

import java.util.LinkedHashMap;
import java.util.Map;

import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RestController;

import com.hivematrix.codex.psa.freshservice.FreshserviceProvider;
import com.hivematrix.codex.settings.SettingsService;
import com.hivematrix.codex.sync.SyncJobService;
import com.hivematrix.codex.web.Access;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;

/** PSA sync control (spec §2.4) and the PSA link configuration Beacon reads (§2.6 /api/psa/config). */
@RestController
@Tag(name = "PSA sync")
public class PsaSyncController {

    static final String TECH_OR_SERVICE = Access.TECH_USER + " or hasRole('SERVICE')";

    private final PsaProviders providers;
    private final PsaSyncService sync;
    private final SyncJobService jobs;
    private final SettingsService settings;
    private final AccountNumberCreation accountNumbers;

    public PsaSyncController(PsaProviders providers, PsaSyncService sync, SyncJobService jobs, SettingsService settings,
            AccountNumberCreation accountNumbers) {
        this.providers = providers;
        this.sync = sync;
        this.jobs = jobs;
        this.settings = settings;
        this.accountNumbers = accountNumbers;
    }

    @PostMapping("/sync/create-account-numbers")
    @PreAuthorize(Access.ADMIN_OR_SERVICE)
    @Operation(summary = "Random six-digit account numbers for PSA companies without one, written back to the PSA, then a company sync")
    public ResponseEntity<Map<String, Object>> createAccountNumbers() {
        return start("create-account-numbers", "create-account-numbers", null, "account number creation started in background",
                accountNumbers::run);
    }

    @PostMapping("/sync/psa")
    @PreAuthorize(Access.ADMIN_OR_SERVICE)
    @Operation(summary = "Companies, contacts and agents from the default PSA, in the background")
    public ResponseEntity<Map<String, Object>> syncBase() {
        return start("psa-base", "base", "sync started in background", (provider, p) -> sync.base(provider, p));
    }

    @PostMapping("/sync/tickets")
    @PreAuthorize(TECH_OR_SERVICE)
    @Operation(summary = "Tier 2: tickets updated in the detail window (48 h) with conversations, stats and time entries")
    public ResponseEntity<Map<String, Object>> syncTicketsDetail() {
        return start("psa-tickets-detail", "tickets-detail", "ticket sync started in background",
                (provider, p) -> sync.tickets(provider, PsaProvider.TicketScope.DETAIL, p));
    }

    @PostMapping("/sync/tickets/full-history")
    @PreAuthorize(Access.ADMIN_OR_SERVICE)
    @Operation(summary = "Tier 3: every ticket with details")
    public ResponseEntity<Map<String, Object>> syncTicketsFull() {
        return start("psa-tickets-full", "tickets", "full ticket history sync started in background",
                (provider, p) -> sync.tickets(provider, PsaProvider.TicketScope.FULL, p));
    }

    @PostMapping("/sync/tickets/light")
    @PreAuthorize(Access.ADMIN_OR_SERVICE)
    @Operation(summary = "Tier 1: active tickets, list fields only (what the scheduler runs every 5 minutes)")
    public ResponseEntity<Map<String, Object>> syncTicketsLight() {
        return start("psa-tickets-light", "tickets", "light ticket sync started in background",
                (provider, p) -> sync.tickets(provider, PsaProvider.TicketScope.LIGHT, p));
    }

    interface ProviderWork {
        void run(PsaProvider provider, SyncJobService.Progress progress);
    }

    private ResponseEntity<Map<String, Object>> start(String kind, String syncType, String message, ProviderWork work) {
        return start(kind, "psa", syncType, message, work);
    }

    private ResponseEntity<Map<String, Object>> start(String kind, String script, String syncType, String message, ProviderWork work) {
        PsaProvider provider;
        try {
            provider = providers.byDefault();
        } catch (PsaException.NotConfigured e) {
            return ResponseEntity.badRequest().body(Map.of("success", false, "error", e.getMessage()));
        }
        try {
            String id = jobs.start(kind, script, provider.name(), syncType, p -> work.run(provider, p));
            Map<String, Object> body = new LinkedHashMap<>();
            body.put("success", true);
            body.put("job_id", id);
            body.put("message", provider.displayName() + " " + message);
            return ResponseEntity.ok(body);
        } catch (SyncJobService.AlreadyRunning e) {
            Map<String, Object> body = new LinkedHashMap<>();
            body.put("success", false);
            body.put("error", e.getMessage());
            body.put("job_id", e.jobId());
            return ResponseEntity.status(HttpStatus.CONFLICT).body(body);
        }
    }

    /**
     * Link templates and group ids per configured PSA. The Professional Services group id is a
     * setting ({@code freshservice.group_ids.professional_services}); the original hard-coded one
     * customer's id.
     */
    @GetMapping("/api/psa/config")
    public Map<String, Object> config() {
        Map<String, Object> providersBody = new LinkedHashMap<>();
        Map<String, Object> body = new LinkedHashMap<>();
        try {
            settings.get("freshservice.domain").ifPresent(domain -> {
                String web = "https://" + settings.get("freshservice.web_domain", domain);
                Map<String, Object> fs = new LinkedHashMap<>();
                fs.put("name", "Freshservice");
                fs.put("ticket_url_template", web + "/a/tickets/{ticket_id}");
                fs.put("company_url_template", web + "/a/admin/departments/{company_id}");
                fs.put("contact_url_template", web + "/a/requesters/{contact_id}");
                fs.put("group_ids", groupIds("freshservice"));
                providersBody.put(FreshserviceProvider.NAME, fs);
            });
            if (settings.isSet("superops.subdomain") || settings.isSet("superops.api_key")) {
                String web = "https://" + settings.get("superops.subdomain", "app") + ".superops.ai/#";
                Map<String, Object> so = new LinkedHashMap<>();
                so.put("name", "SuperOps");
                so.put("ticket_url_template", web + "/tickets/{ticket_id}/details");
                so.put("company_url_template", web + "/clients/{company_id}/overview");
                so.put("contact_url_template", web + "/users/{contact_id}");
                so.put("group_ids", groupIds("superops"));
                providersBody.put("superops", so);
            }
            body.put("providers", providersBody);
            body.put("default_provider", providers.defaultName());
        } catch (RuntimeException e) {
            body.clear();
            body.put("providers", Map.of());
            body.put("error", "Internal server error");
        }
        return body;
    }

    private Map<String, Object> groupIds(String provider) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("professional_services", longSetting(provider + ".group_ids.professional_services"));
        m.put("helpdesk", longSetting(provider + ".group_ids.helpdesk"));
        return m;
    }

    private Long longSetting(String key) {
        return settings.get(key).map(v -> {
            try {
                return Long.parseLong(v.trim());
            } catch (NumberFormatException e) {
                return null;
            }
        }).orElse(null);
    }
}
