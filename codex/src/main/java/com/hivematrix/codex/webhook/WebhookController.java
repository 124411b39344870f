package com.hivematrix.codex.webhook;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.time.Instant;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import jakarta.servlet.http.HttpServletRequest;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RestController;

import com.hivematrix.codex.settings.SettingsService;
import com.hivematrix.codex.web.Rows;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;

/**
 * PSA → Codex pushes (spec §2.11). Not JWT-protected: each call carries the shared secret in
 * {@code X-Webhook-Secret}, compared in constant time; settings are read on every call.
 * Settings: {@code webhooks.enabled}, {@code webhooks.secret} (encrypted), {@code webhooks.allowed_ips} (CSV), {@code webhooks.log_payloads}.
 */
@RestController
@Tag(name = "Webhooks")
public class WebhookController {

    private static final Logger log = LoggerFactory.getLogger(WebhookController.class);

    private final SettingsService settings;
    private final FreshserviceWebhookService freshservice;

    public WebhookController(SettingsService settings, FreshserviceWebhookService freshservice) {
        this.settings = settings;
        this.freshservice = freshservice;
    }

    @PostMapping("/webhooks/freshservice/ticket")
    @Operation(summary = "Freshservice ticket created/updated/deleted (Workflow Automator web request)")
    public ResponseEntity<Map<String, Object>> freshserviceTicket(@RequestHeader(name = "X-Webhook-Secret", required = false) String secret,
            @RequestBody(required = false) String body, HttpServletRequest request) {
        ResponseEntity<Map<String, Object>> denied = authenticate(secret, request);
        if (denied != null) {
            return denied;
        }
        JsonNode payload = parse(body);
        if (payload == null) {
            return error(HttpStatus.BAD_REQUEST, "No JSON payload");
        }
        if (settings.getBoolean("webhooks.log_payloads", false)) {
            log.info("Freshservice webhook payload: {}", payload);
        }
        return freshservice.handle(payload);
    }

    @PostMapping("/webhooks/superops/ticket")
    public ResponseEntity<Map<String, Object>> superopsTicket(@RequestHeader(name = "X-Webhook-Secret", required = false) String secret,
            HttpServletRequest request) {
        ResponseEntity<Map<String, Object>> denied = authenticate(secret, request);
        if (denied != null) {
            return denied;
        }
        return ResponseEntity.ok(Map.of("status", "received", "message", "SuperOps webhook handler not yet implemented"));
    }

    @PostMapping("/webhooks/test")
    public ResponseEntity<Map<String, Object>> test(@RequestHeader(name = "X-Webhook-Secret", required = false) String secret,
            HttpServletRequest request) {
        ResponseEntity<Map<String, Object>> denied = authenticate(secret, request);
        if (denied != null) {
            return denied;
        }
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("status", "ok");
        body.put("message", "Webhook authentication successful");
        body.put("source_ip", request.getRemoteAddr());
        body.put("timestamp", Rows.iso(Instant.now()));
        return ResponseEntity.ok(body);
    }

    @GetMapping("/webhooks/health")
    public Map<String, Object> health() {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("status", "ok");
        body.put("webhooks_enabled", settings.getBoolean("webhooks.enabled", false));
        body.put("secret_configured", settings.isSet("webhooks.secret"));
        body.put("ip_allowlist_enabled", !allowedIps().isEmpty());
        body.put("supported_providers", List.of("freshservice", "superops"));
        body.put("endpoints", Map.of("freshservice_ticket", "/webhooks/freshservice/ticket", "superops_ticket", "/webhooks/superops/ticket",
                "test", "/webhooks/test"));
        body.put("timestamp", Rows.iso(Instant.now()));
        return body;
    }

    /** null when the caller may proceed, else the original's error answer. */
    private ResponseEntity<Map<String, Object>> authenticate(String given, HttpServletRequest request) {
        if (!settings.getBoolean("webhooks.enabled", false)) {
            return error(HttpStatus.SERVICE_UNAVAILABLE, "Webhooks are disabled");
        }
        String expected = settings.get("webhooks.secret").orElse(null);
        // no secret configured means nobody is let in, not everybody
        if (expected == null || given == null
                || !MessageDigest.isEqual(expected.getBytes(StandardCharsets.UTF_8), given.getBytes(StandardCharsets.UTF_8))) {
            log.warn("Webhook call from {} refused: bad or missing secret", request.getRemoteAddr());
            return error(HttpStatus.UNAUTHORIZED, "Unauthorized");
        }
        List<String> allowed = allowedIps();
        if (!allowed.isEmpty() && !allowed.contains(request.getRemoteAddr())) {
            log.warn("Webhook call from {} refused: not in the allow-list", request.getRemoteAddr());
            return error(HttpStatus.FORBIDDEN, "IP not allowed");
        }
        return null;
    }

    private List<String> allowedIps() {
        return settings.get("webhooks.allowed_ips").map(v -> Arrays.stream(v.split(",")).map(String::trim).filter(s -> !s.isEmpty()).toList())
                .orElse(List.of());
    }

    private static JsonNode parse(String body) {
        if (body == null || body.isBlank()) {
            return null;
        }
        try {
            JsonNode n = Rows.JSON.readTree(body);
            return n != null && n.isObject() ? n : null;
        } catch (JacksonException e) {
            return null;
        }
    }

    static ResponseEntity<Map<String, Object>> error(HttpStatus status, String message) {
        return ResponseEntity.status(status).body(Map.of("error", message));
    }
}
