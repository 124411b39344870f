package com.hivematrix.codex.admin;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;

import jakarta.servlet.http.HttpServletResponse;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;

import com.hivematrix.codex.psa.PsaProviders;
import com.hivematrix.codex.psa.PsaSyncController;
import com.hivematrix.codex.rmm.RmmProviders;
import com.hivematrix.codex.rmm.RmmSyncController;
import com.hivematrix.codex.rmm.datto.DattoProvider;
import com.hivematrix.codex.settings.SettingsService;
import com.hivematrix.codex.vendor.superops.SuperOpsClient;
import com.hivematrix.codex.web.Access;
import com.hivematrix.codex.web.CodexPage;
import com.hivematrix.codex.web.Rows;

/**
 * Admin settings and the sync centre (spec §2.10, §9): start syncs, watch the current job's
 * progress (streamed over SSE from {@code /sync/status/{id}/stream} by js/sync-progress.js), the recent history,
 * database statistics, and the Freshservice and webhook settings. Secrets are write-only: the page
 * says whether one is configured, never what it is.
 */
@Controller
@CodexPage
public class AdminPageController {

    static final Pattern HOST = Pattern.compile("^[A-Za-z0-9]([A-Za-z0-9-]{0,61}[A-Za-z0-9])?(\\.[A-Za-z0-9]([A-Za-z0-9-]{0,61}[A-Za-z0-9])?)+$");
    static final Pattern IP_LIST = Pattern.compile("^\\s*$|^[0-9A-Fa-f:.]+(\\s*,\\s*[0-9A-Fa-f:.]+)*\\s*$");
    static final Map<String, String> SYNCS = linked(
            "psa", "Sync PSA (companies, contacts, agents)",
            "tickets", "Sync PSA tickets (last 48 hours, with details)",
            "tickets-light", "Sync active tickets (light)",
            "tickets-full", "Sync full ticket history",
            "create-account-numbers", "Create account numbers in the PSA",
            "datto", "Sync RMM (account numbers, then assets)",
            "push-to-datto", "Push account numbers to RMM");

    private final JdbcClient jdbc;
    private final SettingsService settings;
    private final PsaSyncController sync;
    private final RmmSyncController rmm;
    private final PsaProviders psaProviders;
    private final RmmProviders rmmProviders;

    public AdminPageController(JdbcClient jdbc, SettingsService settings, PsaSyncController sync, RmmSyncController rmm,
            PsaProviders psaProviders, RmmProviders rmmProviders) {
        this.jdbc = jdbc;
        this.settings = settings;
        this.sync = sync;
        this.rmm = rmm;
        this.psaProviders = psaProviders;
        this.rmmProviders = rmmProviders;
    }

    @GetMapping("/admin/")
    @PreAuthorize(Access.ADMIN)
    public String page(@RequestParam(required = false) String job, Model model) {
        model.addAttribute("syncs", SYNCS);
        model.addAttribute("stats", jdbc.sql("""
                SELECT (SELECT count(*) FROM companies) AS companies, (SELECT count(*) FROM contacts) AS contacts,
                       (SELECT count(*) FROM contacts WHERE active) AS active_contacts, (SELECT count(*) FROM assets) AS assets,
                       (SELECT count(*) FROM assets WHERE online) AS online_assets, (SELECT count(*) FROM ticket_details) AS tickets,
                       (SELECT count(*) FROM agents) AS agents, (SELECT count(*) FROM agents WHERE enabled) AS enabled_agents,
                       (SELECT count(*) FROM psa_agents) AS psa_agents""").query(Rows.MAP).single());
        List<Map<String, Object>> history = new ArrayList<>();
        for (Map<String, Object> j : jdbc.sql("SELECT * FROM sync_jobs ORDER BY started_at DESC LIMIT 10").query(Rows.MAP).list()) {
            history.add(describe(j));
        }
        model.addAttribute("history", history);
        Map<String, Object> current = null;
        if (job != null) {
            current = jdbc.sql("SELECT * FROM sync_jobs WHERE id = ?").param(job).query(Rows.MAP).optional().map(AdminPageController::describe).orElse(null);
        }
        model.addAttribute("job", current);
        Map<String, Object> fs = new LinkedHashMap<>();
        fs.put("domain", settings.get("freshservice.domain", ""));
        fs.put("web_domain", settings.get("freshservice.web_domain", ""));
        fs.put("api_key_configured", settings.isSet("freshservice.api_key"));
        fs.put("professional_services", settings.get("freshservice.group_ids.professional_services", ""));
        fs.put("helpdesk", settings.get("freshservice.group_ids.helpdesk", ""));
        if (!model.containsAttribute("fs")) {
            model.addAttribute("fs", fs);
        }
        Map<String, Object> hooks = new LinkedHashMap<>();
        hooks.put("enabled", settings.getBoolean("webhooks.enabled", false));
        hooks.put("secret_configured", settings.isSet("webhooks.secret"));
        hooks.put("allowed_ips", settings.get("webhooks.allowed_ips", ""));
        if (!model.containsAttribute("hooks")) {
            model.addAttribute("hooks", hooks);
        }
        if (!model.containsAttribute("datto")) {
            model.addAttribute("datto", dattoView(settings.get("datto.region", "")));
        }
        model.addAttribute("regions", DattoProvider.REGIONS);
        if (!model.containsAttribute("superops")) {
            model.addAttribute("superops", superopsView(settings.get("superops.region", "us"), settings.get("superops.subdomain", ""),
                    settings.get("superops.account_number_field", "account_number")));
        }
        model.addAttribute("psaProvider", psaProviders.defaultName());
        model.addAttribute("rmmProvider", rmmProviders.defaultName());
        model.addAttribute("psaProviders", PsaProviders.KNOWN);
        model.addAttribute("rmmProviders", RmmProviders.KNOWN);
        if (!model.containsAttribute("errors")) {
            model.addAttribute("errors", Map.of());
        }
        return "admin/index";
    }

    /** Starts a sync and shows the admin page with that job's live progress. */
    @PostMapping("/admin/sync/{kind}")
    @PreAuthorize(Access.ADMIN)
    public String startSync(@PathVariable String kind, RedirectAttributes redirect, HttpServletResponse response) {
        var result = switch (kind) {
            case "psa" -> sync.syncBase();
            case "tickets" -> sync.syncTicketsDetail();
            case "tickets-light" -> sync.syncTicketsLight();
            case "tickets-full" -> sync.syncTicketsFull();
            case "create-account-numbers" -> sync.createAccountNumbers();
            case "datto" -> rmm.syncRmm();
            case "push-to-datto" -> rmm.pushAccountNumbers();
            default -> null;
        };
        if (result == null) {
            redirect.addAttribute("sync_error", "Unknown sync: " + kind);
            return "redirect:/admin/";
        }
        Map<String, Object> body = result.getBody();
        if (body != null && body.get("job_id") != null) {
            if (!Boolean.TRUE.equals(body.get("success"))) {
                redirect.addAttribute("sync_error", String.valueOf(body.get("error")));
            }
            redirect.addAttribute("job", body.get("job_id"));
            return "redirect:/admin/";
        }
        redirect.addAttribute("sync_error", body == null ? "The sync could not be started" : String.valueOf(body.get("error")));
        return "redirect:/admin/";
    }

    /** Freshservice connection: a blank API key keeps the stored one (the original's rule). */
    @PostMapping("/admin/update-freshservice")
    @PreAuthorize(Access.ADMIN)
    public String updateFreshservice(@RequestParam(name = "fs_domain", defaultValue = "") String domain,
            @RequestParam(name = "fs_web_domain", defaultValue = "") String webDomain,
            @RequestParam(name = "fs_api_key", defaultValue = "") String apiKey,
            @RequestParam(name = "fs_group_professional_services", defaultValue = "") String ps,
            @RequestParam(name = "fs_group_helpdesk", defaultValue = "") String helpdesk, Model model, HttpServletResponse response) {
        Map<String, String> errors = new LinkedHashMap<>();
        domain = domain.trim();
        webDomain = webDomain.trim();
        if (!domain.isEmpty() && !HOST.matcher(domain).matches()) {
            errors.put("fs_domain", "must be a host name such as acme.freshservice.com");
        }
        if (!webDomain.isEmpty() && !HOST.matcher(webDomain).matches()) {
            errors.put("fs_web_domain", "must be a host name");
        }
        if (!ps.isBlank() && !ps.trim().matches("\\d{1,18}")) {
            errors.put("fs_group_professional_services", "must be a group id (digits)");
        }
        if (!helpdesk.isBlank() && !helpdesk.trim().matches("\\d{1,18}")) {
            errors.put("fs_group_helpdesk", "must be a group id (digits)");
        }
        if (apiKey.length() > 200) {
            errors.put("fs_api_key", "is too long");
        }
        if (!errors.isEmpty()) {
            response.setStatus(422);
            model.addAttribute("errors", errors);
            Map<String, Object> fs = new LinkedHashMap<>();
            fs.put("domain", domain);
            fs.put("web_domain", webDomain);
            fs.put("api_key_configured", settings.isSet("freshservice.api_key"));
            fs.put("professional_services", ps);
            fs.put("helpdesk", helpdesk);
            model.addAttribute("fs", fs);
            return page(null, model);
        }
        if (!domain.isEmpty()) {
            settings.put("freshservice.domain", domain);
        }
        settings.put("freshservice.web_domain", webDomain);
        if (!apiKey.isBlank()) {
            settings.putSecret("freshservice.api_key", apiKey.trim());
        }
        settings.put("freshservice.group_ids.professional_services", ps.trim());
        settings.put("freshservice.group_ids.helpdesk", helpdesk.trim());
        return "redirect:/admin/?saved=freshservice";
    }

    /** Datto RMM connection: a region from the list (never a free-text host) and the API key pair; blank keys keep the stored ones. */
    @PostMapping("/admin/update-datto")
    @PreAuthorize(Access.ADMIN)
    public String updateDatto(@RequestParam(name = "datto_region", defaultValue = "") String region,
            @RequestParam(name = "datto_api_key", defaultValue = "") String apiKey,
            @RequestParam(name = "datto_api_secret", defaultValue = "") String apiSecret, Model model, HttpServletResponse response) {
        Map<String, String> errors = new LinkedHashMap<>();
        if (!DattoProvider.REGIONS.contains(region)) {
            errors.put("datto_region", "must be one of " + String.join(", ", DattoProvider.REGIONS));
        }
        if (apiKey.length() > 200) {
            errors.put("datto_api_key", "is too long");
        }
        if (apiSecret.length() > 200) {
            errors.put("datto_api_secret", "is too long");
        }
        if (!errors.isEmpty()) {
            response.setStatus(422);
            model.addAttribute("errors", errors);
            model.addAttribute("datto", dattoView(region));
            return page(null, model);
        }
        settings.put("datto.region", region);
        if (!apiKey.isBlank()) {
            settings.putSecret("datto.api_key", apiKey.trim());
        }
        if (!apiSecret.isBlank()) {
            settings.putSecret("datto.api_secret", apiSecret.trim());
        }
        return "redirect:/admin/?saved=datto";
    }

    static final Pattern SUBDOMAIN = Pattern.compile("^[a-z0-9]([a-z0-9-]{0,61}[a-z0-9])?$");
    static final Pattern FIELD_NAME = Pattern.compile("^[A-Za-z0-9_]{1,100}$");

    /** SuperOps connection: region (US/EU endpoint), the account's subdomain, the API token (blank keeps it), the account-number custom field. */
    @PostMapping("/admin/update-superops")
    @PreAuthorize(Access.ADMIN)
    public String updateSuperops(@RequestParam(name = "superops_region", defaultValue = "") String region,
            @RequestParam(name = "superops_subdomain", defaultValue = "") String subdomain,
            @RequestParam(name = "superops_api_key", defaultValue = "") String apiKey,
            @RequestParam(name = "superops_account_number_field", defaultValue = "account_number") String field, Model model,
            HttpServletResponse response) {
        Map<String, String> errors = new LinkedHashMap<>();
        subdomain = subdomain.trim().toLowerCase(java.util.Locale.ROOT);
        field = field.trim();
        if (!SuperOpsClient.REGIONS.containsKey(region)) {
            errors.put("superops_region", "must be us or eu");
        }
        if (!SUBDOMAIN.matcher(subdomain).matches()) {
            errors.put("superops_subdomain", "must be your SuperOps subdomain (letters, digits, hyphens)");
        }
        if (!FIELD_NAME.matcher(field).matches()) {
            errors.put("superops_account_number_field", "must be a custom field name (letters, digits, underscores)");
        }
        if (apiKey.length() > 500) {
            errors.put("superops_api_key", "is too long");
        }
        if (!errors.isEmpty()) {
            response.setStatus(422);
            model.addAttribute("errors", errors);
            model.addAttribute("superops", superopsView(region, subdomain, field));
            return page(null, model);
        }
        settings.put("superops.region", region);
        settings.put("superops.subdomain", subdomain);
        settings.put("superops.account_number_field", field);
        if (!apiKey.isBlank()) {
            settings.putSecret("superops.api_key", apiKey.trim());
        }
        return "redirect:/admin/?saved=superops";
    }

    private Map<String, Object> superopsView(String region, String subdomain, String field) {
        Map<String, Object> so = new LinkedHashMap<>();
        so.put("region", region);
        so.put("subdomain", subdomain);
        so.put("account_number_field", field);
        so.put("api_key_configured", settings.isSet("superops.api_key"));
        return so;
    }

    /** Which PSA and which RMM the syncs and the scheduler use; applies to the next run without a restart. */
    @PostMapping("/admin/update-providers")
    @PreAuthorize(Access.ADMIN)
    public String updateProviders(@RequestParam(name = "psa_provider", defaultValue = "") String psa,
            @RequestParam(name = "rmm_provider", defaultValue = "") String rmmProvider, Model model, HttpServletResponse response) {
        Map<String, String> errors = new LinkedHashMap<>();
        if (!PsaProviders.KNOWN.contains(psa)) {
            errors.put("psa_provider", "must be one of " + String.join(", ", PsaProviders.KNOWN));
        }
        if (!RmmProviders.KNOWN.contains(rmmProvider)) {
            errors.put("rmm_provider", "must be one of " + String.join(", ", RmmProviders.KNOWN));
        }
        if (!errors.isEmpty()) {
            response.setStatus(422);
            model.addAttribute("errors", errors);
            return page(null, model);
        }
        settings.put("psa.default_provider", psa);
        settings.put("rmm.default_provider", rmmProvider);
        return "redirect:/admin/?saved=provider";
    }

    private Map<String, Object> dattoView(String region) {
        Map<String, Object> datto = new LinkedHashMap<>();
        datto.put("region", region);
        datto.put("keys_configured", settings.isSet("datto.api_key") && settings.isSet("datto.api_secret"));
        return datto;
    }

    @PostMapping("/admin/update-webhooks")
    @PreAuthorize(Access.ADMIN)
    public String updateWebhooks(@RequestParam(name = "enabled", required = false) String enabled,
            @RequestParam(name = "secret", defaultValue = "") String secret,
            @RequestParam(name = "allowed_ips", defaultValue = "") String allowedIps, Model model, HttpServletResponse response) {
        Map<String, String> errors = new LinkedHashMap<>();
        if (!secret.isEmpty() && secret.length() < 16) {
            errors.put("secret", "must be at least 16 characters");
        }
        if (!IP_LIST.matcher(allowedIps).matches()) {
            errors.put("allowed_ips", "must be IP addresses separated by commas");
        }
        boolean on = enabled != null;
        if (on && secret.isEmpty() && !settings.isSet("webhooks.secret")) {
            errors.put("secret", "is required before webhooks can be enabled");
        }
        if (!errors.isEmpty()) {
            response.setStatus(422);
            model.addAttribute("errors", errors);
            Map<String, Object> hooks = new LinkedHashMap<>();
            hooks.put("enabled", on);
            hooks.put("secret_configured", settings.isSet("webhooks.secret"));
            hooks.put("allowed_ips", allowedIps);
            model.addAttribute("hooks", hooks);
            return page(null, model);
        }
        settings.put("webhooks.enabled", String.valueOf(on));
        if (!secret.isEmpty()) {
            settings.putSecret("webhooks.secret", secret);
        }
        settings.put("webhooks.allowed_ips", allowedIps.trim());
        return "redirect:/admin/?saved=webhooks";
    }

    /** Display name, duration and outcome of a job row, as the original's history showed them (spec §4.7, §9). */
    static Map<String, Object> describe(Map<String, Object> j) {
        Map<String, Object> m = new LinkedHashMap<>(j);
        m.put("display_name", displayName((String) j.get("script"), (String) j.get("provider"), (String) j.get("sync_type")));
        Object started = j.get("started_at");
        Object completed = j.get("completed_at");
        if (started != null) {
            Instant s = Instant.parse(started.toString());
            Instant e = completed != null ? Instant.parse(completed.toString()) : Instant.now();
            m.put("duration", duration(Duration.between(s, e)));
        }
        String status = (String) j.get("status");
        String outcome;
        String badge;
        if ("running".equals(status)) {
            outcome = "Running";
            badge = "badge badge--info";
        } else if ("failed".equals(status)) {
            outcome = "Failed";
            badge = "badge badge--danger";
        } else if (Boolean.FALSE.equals(j.get("success"))) {
            outcome = "Completed with errors";
            badge = "badge badge--warning";
        } else {
            outcome = "Success";
            badge = "badge badge--success";
        }
        m.put("outcome", outcome);
        m.put("badge", badge);
        Object processed = j.get("processed");
        Object total = j.get("total");
        m.put("percent", processed instanceof Number p && total instanceof Number t && t.intValue() > 0
                ? Math.min(100, p.intValue() * 100 / t.intValue()) : null);
        return m;
    }

    static String displayName(String script, String provider, String syncType) {
        String p = provider == null ? "Freshservice" : switch (provider) {
            case "freshservice" -> "Freshservice";
            case "superops" -> "SuperOps";
            case "datto" -> "Datto";
            default -> provider;
        };
        if (script == null) {
            return "Sync";
        }
        return switch (script) {
            case "psa" -> {
                if (syncType == null || "base".equals(syncType)) {
                    yield "[" + p + "] Sync";
                } else if (syncType.startsWith("tickets")) {
                    yield "[" + p + "] Tickets";
                } else if ("all".equals(syncType)) {
                    yield "[" + p + "] Full Sync";
                } else {
                    yield "[" + p + "] " + Character.toUpperCase(syncType.charAt(0)) + syncType.substring(1);
                }
            }
            case "rmm" -> "[" + (provider == null ? "Datto" : p) + "] Sync";
            case "datto" -> "[Datto] Sync";
            case "tickets" -> "[PSA] Tickets";
            case "freshservice" -> "[Freshservice] Sync";
            case "create-account-numbers" -> "Create Account Numbers";
            case "push-to-datto" -> "[" + (provider == null ? "Datto" : p) + "] Push Account Numbers";
            case "keycloak_agents", "keycloak-agents" -> "[Keycloak] Agents";
            default -> Character.toUpperCase(script.charAt(0)) + script.substring(1).replace('-', ' ').replace('_', ' ');
        };
    }

    static String duration(Duration d) {
        long s = Math.max(0, d.toSeconds());
        if (s < 60) {
            return s + "s";
        }
        if (s < 3600) {
            return (s / 60) + "m " + (s % 60) + "s";
        }
        return (s / 3600) + "h " + (s % 3600 / 60) + "m";
    }

    private static Map<String, String> linked(String... kv) {
        Map<String, String> m = new LinkedHashMap<>();
        for (int i = 0; i < kv.length; i += 2) {
            m.put(kv[i], kv[i + 1]);
        }
        return m;
    }
}
