package com.hivematrix.codex.webhook;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.Map;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

import com.hivematrix.codex.CodexTestBase;
import com.hivematrix.codex.settings.SettingsService;

/** The Freshservice ticket webhook: secret authentication and each event type, against PostgreSQL. */
class FreshserviceWebhookTest extends CodexTestBase {

    static final String SECRET = "s3cret-webhook-value";

    @Autowired
    SettingsService settings;

    @BeforeEach
    void enable() {
        settings.put("webhooks.enabled", "true");
        settings.putSecret("webhooks.secret", SECRET);
        settings.put("webhooks.allowed_ips", "");
        jdbc.sql("INSERT INTO companies (account_number, name, external_id, external_source) VALUES ('300001', 'Hook Co', 31001, 'freshservice') ON CONFLICT DO NOTHING").update();
        jdbc.sql("INSERT INTO companies (account_number, name, external_id, external_source) VALUES ('300002', 'Moved Co', 31002, 'freshservice') ON CONFLICT DO NOTHING").update();
    }

    Response hook(String path, String body, String secret) {
        try {
            HttpRequest.Builder b = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path))
                    .header("Content-Type", "application/json").POST(HttpRequest.BodyPublishers.ofString(body == null ? "" : body));
            if (secret != null) {
                b.header("X-Webhook-Secret", secret);
            }
            HttpResponse<String> r = HTTP.send(b.build(), HttpResponse.BodyHandlers.ofString());
            return new Response(r.statusCode(), r.body(), r);
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    Response ticketEvent(Map<String, Object> payload) {
        return hook("/webhooks/freshservice/ticket", JSON.writeValueAsString(payload), SECRET);
    }

    Map<String, Object> row(long id) {
        return jdbc.sql("""
                SELECT subject, status, status_id, priority, company_account_number, department_id, requester_email, requester_name,
                       responder_id, closed_at IS NOT NULL AS closed, webhook_updated_at IS NOT NULL AS touched, last_updated_at::text AS updated
                FROM ticket_details WHERE external_id = ? AND external_source = 'freshservice'""").param(id).query().singleRow();
    }

    @Test
    void secretIsRequiredAndCheckedBeforeAnythingIsWritten() {
        String payload = JSON.writeValueAsString(map("event", "ticket.created", "ticket_id", 8101, "subject", "Intruder"));
        Response none = hook("/webhooks/freshservice/ticket", payload, null);
        assertThat(none.status()).isEqualTo(401);
        assertThat(none.json().get("error").asString()).isEqualTo("Unauthorized");
        assertThat(hook("/webhooks/freshservice/ticket", payload, SECRET + "x").status()).isEqualTo(401);
        assertThat(hook("/webhooks/freshservice/ticket", payload, "Bearer " + ADMIN).status()).isEqualTo(401);
        assertThat(jdbc.sql("SELECT count(*) FROM ticket_details WHERE external_id = 8101").query(Long.class).single()).isZero();

        settings.put("webhooks.allowed_ips", "10.9.8.7");
        Response blocked = hook("/webhooks/freshservice/ticket", payload, SECRET);
        assertThat(blocked.status()).isEqualTo(403);
        assertThat(blocked.json().get("error").asString()).isEqualTo("IP not allowed");
        settings.put("webhooks.allowed_ips", "10.9.8.7, 127.0.0.1");
        assertThat(hook("/webhooks/test", "{}", SECRET).json().get("status").asString()).isEqualTo("ok");

        settings.put("webhooks.enabled", "false");
        Response disabled = hook("/webhooks/freshservice/ticket", payload, SECRET);
        assertThat(disabled.status()).isEqualTo(503);
        assertThat(disabled.json().get("error").asString()).isEqualTo("Webhooks are disabled");

        // health needs no token and tells what is configured, never the secret
        Response health = get("/webhooks/health", null);
        assertThat(health.status()).isEqualTo(200);
        assertThat(health.json().get("webhooks_enabled").asBoolean()).isFalse();
        assertThat(health.json().get("secret_configured").asBoolean()).isTrue();
        assertThat(health.json().get("ip_allowlist_enabled").asBoolean()).isTrue();
        assertThat(health.body()).doesNotContain(SECRET);
    }

    @Test
    void createUpdateAndDeleteATicket() {
        Response created = ticketEvent(map("event", "ticket.created", "ticket_id", 8201, "subject", "VPN down", "status_id", 2,
                "priority_id", 3, "requester_email", "pat@hook.example", "requester_name", "Pat Doe", "requester_id", 777,
                "responder_id", 7001, "group_id", 55, "department_id", 31001, "created_at", "2025-11-20T10:00:00Z",
                "updated_at", "2025-11-20T10:00:00Z"));
        assertThat(created.status()).as(created.body()).isEqualTo(201);
        assertThat(created.json().get("status").asString()).isEqualTo("created");
        assertThat(created.json().get("ticket_id").asLong()).isEqualTo(8201);
        assertThat(row(8201)).containsEntry("subject", "VPN down").containsEntry("status", "open").containsEntry("priority", "high")
                .containsEntry("company_account_number", "300001").containsEntry("requester_name", "Pat Doe")
                .containsEntry("responder_id", 7001L).containsEntry("touched", true).containsEntry("closed", false);

        Response updated = ticketEvent(map("event", "ticket.updated", "ticket_id", "8201", "status_id", 5, "priority_id", 4,
                "department_id", 31002, "updated_at", "2025-11-21T12:00:00Z"));
        assertThat(updated.status()).isEqualTo(200);
        assertThat(updated.json().get("status").asString()).isEqualTo("updated");
        assertThat(updated.json().get("changes").toString()).contains("status").contains("priority").contains("company_account_number")
                .doesNotContain("subject");
        assertThat(row(8201)).containsEntry("status", "closed").containsEntry("status_id", 5).containsEntry("priority", "urgent")
                .containsEntry("company_account_number", "300002").containsEntry("closed", true).containsEntry("subject", "VPN down")
                .containsEntry("updated", "2025-11-21 12:00:00+00");

        // an update for a ticket Codex never saw creates it, with defaults
        Response upsert = ticketEvent(map("event", "ticket.updated", "ticket_id", 8202));
        assertThat(upsert.status()).isEqualTo(201);
        assertThat(row(8202)).containsEntry("subject", "Ticket #8202").containsEntry("status", "open").containsEntry("priority", "medium");

        Response deleted = ticketEvent(map("event", "ticket.deleted", "ticket_id", 8201));
        assertThat(deleted.status()).isEqualTo(200);
        assertThat(deleted.json().get("status").asString()).isEqualTo("deleted");
        assertThat(deleted.json().get("new_status").asString()).isEqualTo("deleted");
        assertThat(row(8201)).containsEntry("status", "deleted");
        Response spam = ticketEvent(map("event", "ticket.updated", "ticket_id", 8202, "status_id", 6));
        assertThat(spam.json().get("new_status").asString()).isEqualTo("spam");
        assertThat(row(8202)).containsEntry("status", "spam");

        Response unknown = ticketEvent(map("event", "ticket.deleted", "ticket_id", 8299));
        assertThat(unknown.status()).isEqualTo(200);
        assertThat(unknown.json().get("status").asString()).isEqualTo("ignored");
        assertThat(jdbc.sql("SELECT count(*) FROM ticket_details WHERE external_id = 8299").query(Long.class).single()).isZero();
    }

    @Test
    void malformedPayloadsAreRefused() {
        Response empty = hook("/webhooks/freshservice/ticket", "", SECRET);
        assertThat(empty.status()).isEqualTo(400);
        assertThat(empty.json().get("error").asString()).isEqualTo("No JSON payload");
        assertThat(hook("/webhooks/freshservice/ticket", "{not json", SECRET).status()).isEqualTo(400);
        Response noId = ticketEvent(map("event", "ticket.created", "subject", "no id"));
        assertThat(noId.status()).isEqualTo(400);
        assertThat(noId.json().get("error").asString()).isEqualTo("Missing ticket_id");
        assertThat(hook("/webhooks/superops/ticket", "{}", SECRET).json().get("status").asString()).isEqualTo("received");
    }
}
