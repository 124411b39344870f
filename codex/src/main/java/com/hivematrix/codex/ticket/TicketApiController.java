package com.hivematrix.codex.ticket;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import jakarta.validation.constraints.Size;

import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.security.core.Authentication;
import org.springframework.security.oauth2.jwt.Jwt;
import org.springframework.transaction.annotation.Transactional;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.hivematrix.codex.web.Bodies;
import com.hivematrix.codex.web.Rows;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.ObjectNode;

/** Ticket service APIs (spec §2.6), the Beacon feed and the sync-job status reads (§2.4). */
@RestController
@Tag(name = "Tickets")
public class TicketApiController {

    private final JdbcClient jdbc;
    private final Bodies bodies;
    private final com.hivematrix.codex.psa.PsaProviders providers;
    private final com.hivematrix.codex.psa.PsaSyncService psaSync;

    public TicketApiController(JdbcClient jdbc, Bodies bodies, com.hivematrix.codex.psa.PsaProviders providers,
            com.hivematrix.codex.psa.PsaSyncService psaSync) {
        this.jdbc = jdbc;
        this.bodies = bodies;
        this.providers = providers;
        this.psaSync = psaSync;
    }

    @GetMapping("/api/tickets")
    public Map<String, Object> tickets(@RequestParam(name = "company_id", required = false) String companyId,
            @RequestParam(required = false) String status, @RequestParam(required = false) String priority,
            @RequestParam(defaultValue = "50") int limit, @RequestParam(defaultValue = "0") int offset) {
        int lim = Math.max(0, Math.min(limit, 1000));
        int off = Math.max(0, offset);
        StringBuilder where = new StringBuilder(" WHERE true");
        Map<String, Object> params = new LinkedHashMap<>();
        if (companyId != null && !companyId.isBlank()) {
            where.append(" AND t.company_account_number = :acct");
            params.put("acct", companyId);
        }
        if (status != null && !status.isBlank()) {
            where.append(" AND t.status = :status");
            params.put("status", status);
        }
        if (priority != null && !priority.isBlank()) {
            where.append(" AND t.priority = :priority");
            params.put("priority", priority);
        }
        long total = jdbc.sql("SELECT count(*) FROM ticket_details t" + where).params(params).query(Long.class).single();
        List<Map<String, Object>> rows = jdbc.sql("""
                SELECT t.id, t.ticket_number, t.subject, t.description_text, t.status, t.priority, t.company_account_number AS company_id,
                       coalesce(c.compliance_level, 'standard') AS company_compliance_level, t.requester_email, t.requester_name,
                       t.created_at, t.last_updated_at, t.closed_at, t.total_hours_spent::float8 AS total_hours_spent
                FROM ticket_details t LEFT JOIN companies c ON c.account_number = t.company_account_number""" + where
                + " ORDER BY t.last_updated_at DESC NULLS LAST, t.id DESC LIMIT :limit OFFSET :offset")
                .params(params).param("limit", lim).param("offset", off).query(Rows.MAP).list();
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("tickets", rows);
        body.put("count", rows.size());
        body.put("total", total);
        body.put("offset", off);
        body.put("limit", lim);
        return body;
    }

    @GetMapping("/api/tickets/active")
    @Operation(summary = "Beacon feed: active tickets in four SLA sections")
    public Map<String, Object> active(@RequestParam(name = "group_id", required = false) Long groupId,
            @RequestParam(name = "responder_id", required = false) Long responderId) {
        StringBuilder sql = new StringBuilder("""
                SELECT * FROM ticket_details t
                WHERE coalesce(t.status, '') NOT IN
                      ('closed', 'resolved', 'job_complete_bill', 'billing_complete', 'spam', 'trash', 'deleted')""");
        Map<String, Object> params = new HashMap<>();
        if (groupId != null) {
            sql.append(" AND t.group_id = :g");
            params.put("g", groupId);
        }
        if (responderId != null) {
            sql.append(" AND t.responder_id = :r");
            params.put("r", responderId);
        }
        List<ActiveTicketClassifier.Row> rows = jdbc.sql(sql.toString()).params(params).query(TicketApiController::row).list();
        Map<Long, String> agents = new HashMap<>();
        jdbc.sql("""
                SELECT external_id, coalesce(nullif(trim(coalesce(first_name, '') || ' ' || coalesce(last_name, '')), ''),
                       'Agent ' || external_id) FROM psa_agents WHERE active""")
                .query((rs, n) -> agents.put(rs.getLong(1), rs.getString(2))).list();
        Map<Long, String> requesters = new HashMap<>();
        Long[] requesterIds = rows.stream().map(ActiveTicketClassifier.Row::requesterId).filter(java.util.Objects::nonNull).distinct()
                .toArray(Long[]::new);
        if (requesterIds.length > 0) {
            jdbc.sql("SELECT external_id, name FROM contacts WHERE external_id = ANY(?)").param(requesterIds)
                    .query((rs, n) -> requesters.put(rs.getLong(1), rs.getString(2))).list();
        }
        return ActiveTicketClassifier.classify(rows, agents, requesters, Instant.now(), lastSyncTime());
    }

    String lastSyncTime() {
        return jdbc.sql("""
                SELECT completed_at FROM sync_jobs WHERE status = 'completed' AND completed_at IS NOT NULL
                  AND (script = 'tickets' OR (script = 'psa' AND sync_type = 'tickets'))
                ORDER BY completed_at DESC LIMIT 1""").query((rs, n) -> Rows.iso(rs.getTimestamp(1).toInstant())).optional().orElse(null);
    }

    static ActiveTicketClassifier.Row row(ResultSet rs, int n) throws SQLException {
        return new ActiveTicketClassifier.Row(rs.getLong("external_id"), rs.getString("ticket_number"), rs.getString("subject"),
                rs.getString("description_text"), rs.getString("status"), (Integer) rs.getObject("status_id"), rs.getString("priority"),
                (Integer) rs.getObject("priority_id"), rs.getString("ticket_type"), rs.getString("company_account_number"),
                (Long) rs.getObject("requester_id"), rs.getString("requester_email"), rs.getString("requester_name"),
                (Long) rs.getObject("responder_id"), (Long) rs.getObject("group_id"), rs.getString("external_source"),
                instant(rs, "created_at"), instant(rs, "last_updated_at"), instant(rs, "fr_due_by"), instant(rs, "due_by"),
                instant(rs, "first_responded_at"), instant(rs, "agent_responded_at"), rs.getDouble("total_hours_spent"));
    }

    static Instant instant(ResultSet rs, String col) throws SQLException {
        Timestamp ts = rs.getTimestamp(col);
        return ts == null ? null : ts.toInstant();
    }

    /**
     * By PSA external id. A miss is fetched live from the default PSA (with details), stored, and
     * answered in the same shape as a hit (the original passed the provider's raw dict through).
     */
    @GetMapping("/api/ticket/{externalId}")
    public ResponseEntity<?> ticket(@PathVariable long externalId) {
        java.util.Optional<Map<String, Object>> local = localTicket(externalId);
        if (local.isPresent()) {
            return ResponseEntity.ok(local.get());
        }
        try {
            com.hivematrix.codex.psa.PsaProvider provider = providers.byDefault();
            java.util.Optional<com.hivematrix.codex.psa.PsaRecords.Ticket> live = provider.ticket(externalId, true);
            if (live.isPresent()) {
                psaSync.saveTicket(provider.name(), live.get());
                local = localTicket(externalId);
            }
        } catch (com.hivematrix.codex.psa.PsaException.NotConfigured e) {
            // no PSA to ask: a plain miss
        } catch (com.hivematrix.codex.psa.PsaException e) {
            return ResponseEntity.status(HttpStatus.INTERNAL_SERVER_ERROR).body(Map.of("error", "Failed to fetch ticket from PSA"));
        }
        return local.<ResponseEntity<?>>map(ResponseEntity::ok)
                .orElseGet(() -> ResponseEntity.status(HttpStatus.NOT_FOUND).body(Map.of("error", "Ticket not found")));
    }

    private java.util.Optional<Map<String, Object>> localTicket(long externalId) {
        return jdbc.sql("""
                SELECT t.external_id AS id, t.ticket_number, t.subject, t.description, t.description_text, t.status,
                       t.status AS status_text, t.priority, t.priority AS priority_text, t.company_account_number AS company_id,
                       c.name AS company_name, coalesce(c.compliance_level, 'standard') AS company_compliance_level,
                       t.requester_email, t.requester_name, t.created_at, t.last_updated_at, t.closed_at,
                       t.total_hours_spent::float8 AS total_hours_spent, t.conversations, t.notes, t.external_source AS source
                FROM ticket_details t LEFT JOIN companies c ON c.account_number = t.company_account_number
                WHERE t.external_id = ? ORDER BY t.id LIMIT 1""").param(externalId).query(Rows.MAP).optional()
                .map(m -> {
                    m.put("status_text", TicketStatuses.display((String) m.get("status")));
                    m.put("priority_text", TicketStatuses.priorityText((String) m.get("priority")));
                    m.put("conversations", Rows.listOrEmpty(m.get("conversations")));
                    m.put("notes", Rows.listOrEmpty(m.get("notes")));
                    return m;
                });
    }

    @JsonIgnoreProperties(ignoreUnknown = true)
    public record TicketUpdate(@Size(max = 50) String status, @Size(max = 10000) String notes, Object assigned_to) {
    }

    /**
     * By internal id. Local only (not pushed to the PSA), written in UTC so the Beacon feed keeps
     * parsing it (the original wrote naive local times, spec bug 7).
     */
    @PostMapping("/api/ticket/{id}/update")
    @org.springframework.security.access.prepost.PreAuthorize(com.hivematrix.codex.web.Access.TECH_USER + " or hasRole('SERVICE')")
    @Transactional
    public ResponseEntity<?> update(@PathVariable long id, @RequestBody(required = false) JsonNode raw, Authentication auth) {
        TicketUpdate u = bodies.read(raw, TicketUpdate.class, null);
        Map<String, Object> current = jdbc.sql("SELECT id, notes FROM ticket_details WHERE id = ?").param(id).query(Rows.MAP).optional().orElse(null);
        if (current == null) {
            return ResponseEntity.status(HttpStatus.NOT_FOUND).body(Map.of("error", "Ticket not found"));
        }
        Instant now = Instant.now();
        if (u.status() != null && !u.status().isBlank()) {
            jdbc.sql("UPDATE ticket_details SET status = ? WHERE id = ?").params(u.status().trim(), id).update();
        }
        if (u.notes() != null && !u.notes().isBlank()) {
            ArrayNode notes = current.get("notes") instanceof ArrayNode a ? a : Rows.JSON.createArrayNode();
            ObjectNode note = notes.addObject();
            note.put("created_at", Rows.iso(now));
            note.put("text", u.notes());
            note.put("user", auth.getPrincipal() instanceof Jwt jwt && jwt.getClaimAsString("preferred_username") != null
                    ? jwt.getClaimAsString("preferred_username") : "system");
            jdbc.sql("UPDATE ticket_details SET notes = ?::jsonb WHERE id = ?").params(Rows.JSON.writeValueAsString(notes), id).update();
        }
        jdbc.sql("UPDATE ticket_details SET last_updated_at = ? WHERE id = ?").params(java.sql.Timestamp.from(now), id).update();
        return ResponseEntity.ok(Map.of("success", true, "ticket_id", id, "message", "Ticket updated successfully"));
    }

    @GetMapping("/api/psa/tickets")
    public List<Map<String, Object>> psaTickets(@RequestParam(required = false) String provider, @RequestParam(required = false) String status,
            @RequestParam(required = false) String company, @RequestParam(defaultValue = "100") int limit) {
        StringBuilder where = new StringBuilder(" WHERE true");
        Map<String, Object> params = new LinkedHashMap<>();
        if (provider != null && !provider.isBlank()) { where.append(" AND t.external_source = :p"); params.put("p", provider); }
        if (status != null && !status.isBlank()) { where.append(" AND t.status = :s"); params.put("s", status); }
        if (company != null && !company.isBlank()) { where.append(" AND t.company_account_number = :c"); params.put("c", company); }
        return jdbc.sql("""
                SELECT t.id, t.external_id, t.external_source AS source, t.ticket_number, t.subject, t.status, t.priority,
                       t.company_account_number AS company_id, coalesce(c.name, 'Unknown') AS company_name, t.requester_name,
                       t.requester_email, t.responder_id, t.group_id, t.created_at, t.last_updated_at AS updated_at,
                       t.total_hours_spent::float8 AS total_hours
                FROM ticket_details t LEFT JOIN companies c ON c.account_number = t.company_account_number""" + where
                + " ORDER BY t.last_updated_at DESC NULLS LAST LIMIT :limit").params(params).param("limit", Math.max(0, Math.min(limit, 5000)))
                .query(Rows.MAP).list();
    }

    @GetMapping("/api/psa/tickets/active")
    public List<Map<String, Object>> psaActive(@RequestParam(required = false) String provider) {
        Map<String, Object> params = new LinkedHashMap<>();
        String where = " WHERE t.status IN ('open', 'pending', 'waiting_customer', 'on_hold')";
        if (provider != null && !provider.isBlank()) { where += " AND t.external_source = :p"; params.put("p", provider); }
        return jdbc.sql("""
                SELECT t.id, t.external_id, t.external_source AS source, t.ticket_number, t.subject, t.status, t.priority,
                       t.company_account_number AS company_id, coalesce(c.name, 'Unknown') AS company_name, t.requester_name,
                       t.responder_id, coalesce(nullif(trim(coalesce(a.first_name, '') || ' ' || coalesce(a.last_name, '')), ''),
                       CASE WHEN t.responder_id IS NULL THEN 'Unassigned' ELSE 'Agent ' || t.responder_id END) AS responder_name,
                       t.group_id, t.created_at, t.last_updated_at AS updated_at, t.fr_due_by, t.due_by
                FROM ticket_details t LEFT JOIN companies c ON c.account_number = t.company_account_number
                LEFT JOIN psa_agents a ON a.external_id = t.responder_id AND a.external_source = t.external_source""" + where
                + " ORDER BY t.priority_id DESC NULLS LAST, t.last_updated_at DESC NULLS LAST").params(params).query(Rows.MAP).list();
    }

    @GetMapping("/api/psa/agents")
    public List<Map<String, Object>> psaAgents(@RequestParam(required = false) String provider) {
        Map<String, Object> params = new LinkedHashMap<>();
        String where = provider == null || provider.isBlank() ? "" : " WHERE external_source = :p";
        if (!where.isEmpty()) {
            params.put("p", provider);
        }
        return jdbc.sql("""
                SELECT id, external_id, external_source AS source,
                       coalesce(nullif(trim(coalesce(first_name, '') || ' ' || coalesce(last_name, '')), ''), 'Agent ' || external_id) AS name,
                       email, job_title, active FROM psa_agents""" + where + " ORDER BY active DESC, 4").params(params).query(Rows.MAP).list();
    }

    @GetMapping("/sync/status/{jobId}")
    @org.springframework.security.access.prepost.PreAuthorize(com.hivematrix.codex.web.Access.TECH_USER + " or hasRole('SERVICE')")
    public ResponseEntity<?> syncStatus(@PathVariable String jobId) {
        return job("SELECT * FROM sync_jobs WHERE id = ?", jobId, "Job not found");
    }

    @GetMapping("/sync/last/{script}")
    public ResponseEntity<?> lastSync(@PathVariable String script) {
        return job("SELECT * FROM sync_jobs WHERE script = ? ORDER BY started_at DESC LIMIT 1", script, "No sync found for this script");
    }

    private ResponseEntity<?> job(String sql, String param, String missing) {
        return jdbc.sql(sql).param(param).query(Rows.MAP).optional().<ResponseEntity<?>>map(j -> {
            Map<String, Object> m = new LinkedHashMap<>();
            for (String k : List.of("id", "script", "status", "started_at", "completed_at", "output", "error", "success")) {
                m.put(k, j.get(k));
            }
            m.put("provider", j.get("provider"));
            m.put("sync_type", j.get("sync_type"));
            m.put("phase", j.get("phase"));
            m.put("processed", j.get("processed"));
            m.put("total", j.get("total"));
            return ResponseEntity.ok(m);
        }).orElseGet(() -> ResponseEntity.status(HttpStatus.NOT_FOUND).body(Map.of("error", missing)));
    }
}
