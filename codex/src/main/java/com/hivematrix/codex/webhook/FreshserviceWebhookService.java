package com.hivematrix.codex.webhook;

import static com.hivematrix.codex.vendor.VendorJson.text;

import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

import com.hivematrix.codex.ticket.TicketStatuses;

import tools.jackson.databind.JsonNode;

/**
 * Applies a Freshservice ticket event (spec §2.11 payload contract) to {@code ticket_details},
 * setting the company from the department id (the original never did).
 */
@Service
public class FreshserviceWebhookService {

    static final String SOURCE = "freshservice";
    static final Set<String> CLOSING = Set.of("closed", "resolved", "billing_complete");

    private final JdbcClient jdbc;

    public FreshserviceWebhookService(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    @Transactional
    public ResponseEntity<Map<String, Object>> handle(JsonNode p) {
        Long ticketId = number(p.get("ticket_id"));
        if (ticketId == null) {
            return WebhookController.error(HttpStatus.BAD_REQUEST, "Missing ticket_id");
        }
        String event = text(p.get("event"));
        Integer statusId = intOrNull(p.get("status_id"));
        Integer priorityId = intOrNull(p.get("priority_id"));
        String status = statusId == null ? null : TicketStatuses.statusFromFs(statusId);
        boolean deleted = "ticket.deleted".equals(event) || statusId != null && (statusId == 6 || statusId == 7);
        OffsetDateTime now = OffsetDateTime.now(ZoneOffset.UTC);
        OffsetDateTime updatedAt = time(p.get("updated_at"));
        Long deptId = number(p.get("department_id"));
        String acct = deptId == null ? null : jdbc.sql("SELECT account_number FROM companies WHERE external_id = ? AND external_source = ?")
                .params(deptId, SOURCE).query(String.class).optional().orElse(null);
        boolean exists = jdbc.sql("SELECT count(*) FROM ticket_details WHERE external_id = ? AND external_source = ?")
                .params(ticketId, SOURCE).query(Long.class).single() > 0;

        Map<String, Object> body = new LinkedHashMap<>();
        if (deleted) {
            if (!exists) {
                body.put("status", "ignored");
                body.put("reason", "ticket not found");
                return ResponseEntity.ok(body);
            }
            String newStatus = status != null && !"unknown".equals(status) ? status : "deleted";
            jdbc.sql("""
                    UPDATE ticket_details SET status = ?, status_id = coalesce(?, status_id), last_updated_at = ?, webhook_updated_at = ?
                    WHERE external_id = ? AND external_source = ?""")
                    .params(newStatus, statusId, updatedAt != null ? updatedAt : now, now, ticketId, SOURCE).update();
            body.put("status", "deleted");
            body.put("ticket_id", ticketId);
            body.put("provider", SOURCE);
            body.put("new_status", newStatus);
            return ResponseEntity.ok(body);
        }
        if (!exists) {
            String priority = priorityId == null ? "medium" : TicketStatuses.priorityFromFs(priorityId);
            String s = status == null ? "open" : status;
            jdbc.sql("""
                    INSERT INTO ticket_details (external_id, external_source, company_account_number, ticket_number, subject, status, status_id,
                        priority, priority_id, requester_email, requester_name, requester_id, responder_id, group_id, department_id,
                        created_at, last_updated_at, closed_at, webhook_updated_at)
                    VALUES (:id, :source, :acct, :number, :subject, :status, :status_id, :priority, :priority_id, :email, :name, :requester,
                        :responder, :group, :dept, :created, :updated, :closed, :now)""")
                    .param("id", ticketId).param("source", SOURCE).param("acct", acct).param("number", String.valueOf(ticketId))
                    .param("subject", text(p.get("subject")) != null ? text(p.get("subject")) : "Ticket #" + ticketId)
                    .param("status", s).param("status_id", statusId != null ? statusId : 2).param("priority", priority)
                    .param("priority_id", priorityId != null ? priorityId : 2).param("email", cut(text(p.get("requester_email")), 150))
                    .param("name", cut(text(p.get("requester_name")), 150)).param("requester", number(p.get("requester_id")))
                    .param("responder", number(p.get("responder_id"))).param("group", number(p.get("group_id"))).param("dept", deptId)
                    .param("created", time(p.get("created_at")) != null ? time(p.get("created_at")) : now)
                    .param("updated", updatedAt != null ? updatedAt : now)
                    .param("closed", CLOSING.contains(s) ? (updatedAt != null ? updatedAt : now) : null).param("now", now)
                    .update();
            body.put("status", "created");
            body.put("ticket_id", ticketId);
            body.put("provider", SOURCE);
            return ResponseEntity.status(HttpStatus.CREATED).body(body);
        }
        List<String> changes = new ArrayList<>();
        List<String> sets = new ArrayList<>();
        Map<String, Object> params = new LinkedHashMap<>();
        if (status != null) {
            sets.add("status = :status, status_id = :status_id");
            params.put("status", status);
            params.put("status_id", statusId);
            changes.add("status");
            if (CLOSING.contains(status)) {
                sets.add("closed_at = :closed");
                params.put("closed", updatedAt != null ? updatedAt : now);
            }
        }
        if (priorityId != null) {
            sets.add("priority = :priority, priority_id = :priority_id");
            params.put("priority", TicketStatuses.priorityFromFs(priorityId));
            params.put("priority_id", priorityId);
            changes.add("priority");
        }
        set(sets, params, changes, "subject", text(p.get("subject")));
        set(sets, params, changes, "requester_email", cut(text(p.get("requester_email")), 150));
        set(sets, params, changes, "requester_name", cut(text(p.get("requester_name")), 150));
        set(sets, params, changes, "responder_id", number(p.get("responder_id")));
        set(sets, params, changes, "group_id", number(p.get("group_id")));
        if (deptId != null) {
            set(sets, params, changes, "department_id", deptId);
            if (acct != null) {
                set(sets, params, changes, "company_account_number", acct);
            }
        }
        sets.add("last_updated_at = :updated, webhook_updated_at = :now");
        params.put("updated", updatedAt != null ? updatedAt : now);
        params.put("now", now);
        params.put("id", ticketId);
        params.put("source", SOURCE);
        jdbc.sql("UPDATE ticket_details SET " + String.join(", ", sets) + " WHERE external_id = :id AND external_source = :source")
                .params(params).update();
        body.put("status", "updated");
        body.put("ticket_id", ticketId);
        body.put("provider", SOURCE);
        body.put("changes", changes);
        return ResponseEntity.ok(body);
    }

    private static void set(List<String> sets, Map<String, Object> params, List<String> changes, String column, Object value) {
        if (value != null) {
            sets.add(column + " = :" + column);
            params.put(column, value);
            changes.add(column);
        }
    }

    /** Numbers arrive as JSON numbers or as text from Workflow Automator placeholders ("#INC-123" → 123). */
    static Long number(JsonNode n) {
        if (n == null || n.isNull() || n.isMissingNode()) {
            return null;
        }
        if (n.isIntegralNumber()) {
            return n.asLong();
        }
        String digits = n.asString().trim().replaceFirst("^[^0-9]*", "");
        if (digits.isEmpty() || !digits.chars().allMatch(Character::isDigit) || digits.length() > 18) {
            return null;
        }
        return Long.parseLong(digits);
    }

    static Integer intOrNull(JsonNode n) {
        Long l = number(n);
        return l == null || l > Integer.MAX_VALUE ? null : l.intValue();
    }

    static OffsetDateTime time(JsonNode n) {
        String s = text(n);
        if (s == null) {
            return null;
        }
        try {
            return OffsetDateTime.parse(s.replace(' ', 'T'));
        } catch (DateTimeParseException e) {
            return null;
        }
    }

    private static String cut(String s, int max) {
        return s == null || s.length() <= max ? s : s.substring(0, max);
    }
}
