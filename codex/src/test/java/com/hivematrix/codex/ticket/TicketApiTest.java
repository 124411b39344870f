package com.hivematrix.codex.ticket;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import com.hivematrix.codex.CodexTestBase;

import tools.jackson.databind.JsonNode;

class TicketApiTest extends CodexTestBase {

    @BeforeEach
    void data() {
        if (jdbc.sql("SELECT count(*) FROM companies").query(Long.class).single() > 0) {
            return;
        }
        company("200001", "Delta Corp", "Gold");
        jdbc.sql("UPDATE companies SET compliance_level = 'hipaa' WHERE account_number = '200001'").update();
        jdbc.sql("INSERT INTO psa_agents (external_id, external_source, first_name, last_name, active) VALUES (77, 'freshservice', 'Tina', 'Tech', true)").update();
        jdbc.sql("INSERT INTO contacts (name, email, primary_email, external_id) VALUES ('Rex Requester', 'rex@d.test', 'rex@d.test', 555)").update();
        jdbc.sql("""
                INSERT INTO ticket_details (external_id, ticket_number, subject, status, status_id, priority, priority_id, company_account_number,
                    requester_id, responder_id, group_id, created_at, last_updated_at, fr_due_by, total_hours_spent)
                VALUES (5001, '5001', 'Email down', 'open', 2, 'high', 3, '200001', 555, 77, 19000234009, now() - interval '1 day',
                        now() - interval '1 hour', now() + interval '30 hours', 0.75),
                       (5002, '5002', 'Old one', 'closed', 5, 'low', 1, '200001', NULL, NULL, NULL, now() - interval '9 days',
                        now() - interval '8 days', NULL, 2)""").update();
        jdbc.sql("INSERT INTO sync_jobs (id, script, sync_type, status, started_at, completed_at, success) VALUES "
                + "('j1', 'psa', 'tickets', 'completed', TIMESTAMPTZ '2025-01-01 00:00:00+00', TIMESTAMPTZ '2025-01-01 00:01:00+00', true), "
                + "('j2', 'psa', 'tickets-detail', 'completed', TIMESTAMPTZ '2025-02-01 00:00:00+00', TIMESTAMPTZ '2025-02-01 00:01:00+00', true)").update();
    }

    @Test
    void activeFeedHasBeaconsShapeAndLookups() {
        Response r = get("/api/tickets/active", ISSUER.serviceToken("beacon", "codex"));
        assertThat(r.status()).as(r.body()).isEqualTo(200);
        JsonNode body = r.json();
        assertThat(body.propertyNames()).containsExactly("section1", "section2", "section3", "section4", "total_active", "last_updated", "last_sync_time");
        assertThat(body.get("total_active").asInt()).isEqualTo(1);
        assertThat(body.get("last_sync_time").asString()).isEqualTo("2025-01-01T00:01:00Z");
        JsonNode t = body.get("section1").get(0);
        assertThat(t.propertyNames()).containsExactly("id", "ticket_number", "subject", "description_text", "status", "status_id", "status_text",
                "priority", "priority_id", "priority_raw", "priority_text", "type", "ticket_type", "company_id", "requester_id", "requester_email",
                "requester_name", "responder_id", "agent_name", "group_id", "source", "created_at_str", "updated_at_str", "fr_due_by_str",
                "due_by_str", "first_responded_at_iso", "agent_responded_at", "updated_friendly", "created_days_old", "agent_responded_friendly",
                "total_hours_spent", "sla_text", "sla_class");
        assertThat(t.get("id").asLong()).isEqualTo(5001);
        assertThat(t.get("agent_name").asString()).isEqualTo("Tina Tech");
        assertThat(t.get("requester_name").asString()).isEqualTo("Rex Requester");
        assertThat(t.get("sla_class").asString()).isEqualTo("sla-normal");
        assertThat(get("/api/tickets/active?responder_id=1", LEDGER).json().get("total_active").asInt()).isZero();
    }

    @Test
    void ticketListUsesInternalIdsAndCompliance() {
        JsonNode body = get("/api/tickets?company_id=200001&limit=1", LEDGER).json();
        assertThat(body.propertyNames()).containsExactly("tickets", "count", "total", "offset", "limit");
        assertThat(body.get("total").asInt()).isEqualTo(2);
        JsonNode t = body.get("tickets").get(0);
        assertThat(t.get("ticket_number").asString()).isEqualTo("5001");
        assertThat(t.get("company_compliance_level").asString()).isEqualTo("hipaa");
        long internal = t.get("id").asLong();
        assertThat(internal).isNotEqualTo(5001L);

        JsonNode one = get("/api/ticket/5001", LEDGER).json();
        assertThat(one.get("id").asLong()).isEqualTo(5001);
        assertThat(one.get("status_text").asString()).isEqualTo("Open");
        assertThat(one.get("priority_text").asString()).isEqualTo("High");
        assertThat(one.get("company_name").asString()).isEqualTo("Delta Corp");
        Response missing = get("/api/ticket/999999", LEDGER);
        assertThat(missing.status()).isEqualTo(404);
        assertThat(missing.json().get("error").asString()).isEqualTo("Ticket not found");
    }

    @Test
    void localUpdateAppendsANoteInUtcAndKeepsTheFeedWorking() {
        long internal = jdbc.sql("SELECT id FROM ticket_details WHERE external_id = 5002").query(Long.class).single();
        Response r = post("/api/ticket/" + internal + "/update", map("status", "open", "notes", "Called the customer"), TECH);
        assertThat(r.status()).as(r.body()).isEqualTo(200);
        JsonNode one = get("/api/ticket/5002", LEDGER).json();
        assertThat(one.get("notes").get(0).get("text").asString()).isEqualTo("Called the customer");
        assertThat(one.get("notes").get(0).get("user").asString()).isEqualTo("user-technician");
        assertThat(one.get("notes").get(0).get("created_at").asString()).endsWith("Z");
        assertThat(get("/api/tickets/active", LEDGER).json().get("total_active").asInt()).isEqualTo(2);
        assertProblem(post("/api/ticket/" + internal + "/update", map("status", "open"), CLIENT), 403);
        assertThat(post("/api/ticket/424242/update", map("status", "open"), TECH).status()).isEqualTo(404);
        jdbc.sql("UPDATE ticket_details SET status = 'closed', notes = NULL WHERE external_id = 5002").update();
    }

    @Test
    void psaViewsAndSyncStatus() {
        JsonNode agents = get("/api/psa/agents", LEDGER).json();
        assertThat(agents.get(0).propertyNames()).containsExactly("id", "external_id", "source", "name", "email", "job_title", "active");
        assertThat(agents.get(0).get("name").asString()).isEqualTo("Tina Tech");
        JsonNode active = get("/api/psa/tickets/active", LEDGER).json();
        assertThat(active.get(0).get("responder_name").asString()).isEqualTo("Tina Tech");
        assertThat(get("/api/psa/tickets?company=200001", LEDGER).json()).hasSize(2);
        JsonNode job = get("/sync/status/j1", TECH).json();
        assertThat(job.get("status").asString()).isEqualTo("completed");
        assertThat(job.get("success").asBoolean()).isTrue();
        assertThat(get("/sync/status/nope", TECH).json().get("error").asString()).isEqualTo("Job not found");
        assertThat(get("/sync/last/psa", LEDGER).json().get("id").asString()).isEqualTo("j2");
        assertProblem(get("/sync/status/j1", CLIENT), 403);
    }
}
