package com.hivematrix.beacon.support;

import com.hivematrix.shared.testsupport.LoopbackServer;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;

import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * A loopback peer speaking Codex's documented contracts (spec §2.6, §10.2): /api/tickets/active,
 * /api/psa/agents, POST /sync/tickets (technician/admin users only), /sync/status/{id}, /health.
 * For the fault cases a real Codex cannot easily show: going down and coming back.
 */
public final class CodexPeer extends LoopbackServer {

    private static final JsonMapper JSON = JsonMapper.builder().build();

    private volatile boolean up = true;
    private volatile boolean refuseSync;
    private volatile String lastSyncTime = "2025-06-10T11:55:00Z";
    private final List<List<Map<String, Object>>> sections = List.of(new CopyOnWriteArrayList<>(), new CopyOnWriteArrayList<>(),
            new CopyOnWriteArrayList<>(), new CopyOnWriteArrayList<>());
    /** Authorization headers POST /sync/tickets received, in order. */
    public final List<String> syncAuthorizations = new CopyOnWriteArrayList<>();
    public final AtomicInteger activeCalls = new AtomicInteger();

    public CodexPeer() {
        route("/api/tickets/active", ex -> {
            activeCalls.incrementAndGet();
            if (!up) {
                send(ex, 503, "{\"error\":\"down\"}");
                return;
            }
            Map<String, Object> body = new LinkedHashMap<>();
            int total = 0;
            for (int i = 0; i < 4; i++) {
                body.put("section" + (i + 1), new ArrayList<>(sections.get(i)));
                total += sections.get(i).size();
            }
            body.put("total_active", total);
            body.put("last_updated", "2025-06-10T12:00:00Z");
            body.put("last_sync_time", lastSyncTime);
            send(ex, 200, JSON.writeValueAsString(body));
        });
        route("/api/psa/agents", ex -> send(ex, up ? 200 : 503, up ? """
                [{"id":1,"external_id":1001,"source":"freshservice","name":"Alice Agent","email":"a@x","job_title":null,"active":true},
                 {"id":2,"external_id":1002,"source":"freshservice","name":"Bob Agent","email":"b@x","job_title":null,"active":true},
                 {"id":3,"external_id":1009,"source":"freshservice","name":"Gone Agent","email":"g@x","job_title":null,"active":false}]"""
                : "{}"));
        route("/sync/tickets", ex -> {
            String auth = ex.getRequestHeaders().getFirst("Authorization");
            syncAuthorizations.add(String.valueOf(auth));
            if (!up) {
                send(ex, 503, "{\"error\":\"down\"}");
                return;
            }
            String level = claim(auth, "permission_level");
            if (refuseSync || !"admin".equals(level) && !"technician".equals(level)) {
                send(ex, 403, "{\"error\":\"Technician or admin access required\"}");
                return;
            }
            send(ex, 200, "{\"success\":true,\"job_id\":\"job-1\",\"message\":\"Ticket sync started\"}");
        });
        route("/sync/status/", ex -> {
            String id = ex.getRequestURI().getPath().substring("/sync/status/".length());
            if (!id.equals("job-1")) {
                send(ex, 404, "{\"error\":\"Job not found\"}");
                return;
            }
            send(ex, 200, "{\"id\":\"job-1\",\"script\":\"psa\",\"status\":\"running\",\"phase\":\"tickets\",\"processed\":3,\"total\":10}");
        });
        route("/health", ex -> send(ex, up ? 200 : 503, "{}"));
        start();
    }

    public void up(boolean up) {
        this.up = up;
    }

    public void refuseSync(boolean refuse) {
        this.refuseSync = refuse;
    }

    public void lastSyncTime(String iso) {
        this.lastSyncTime = iso;
    }

    public void clear() {
        sections.forEach(List::clear);
        refuseSync = false;
        up = true;
        syncAuthorizations.clear();
    }

    /** Adds a ticket item in Codex's shape to section 1-4. */
    public Map<String, Object> add(int section, long id, Long groupId, Long responderId, String priority, String slaText, String slaClass) {
        Map<String, Object> t = new LinkedHashMap<>();
        t.put("id", id);
        t.put("ticket_number", String.valueOf(id));
        t.put("subject", "Ticket " + id);
        t.put("description_text", "secret description " + id);
        t.put("status", "open");
        t.put("status_id", 2);
        t.put("status_text", "Open");
        t.put("priority", priority);
        t.put("priority_id", switch (priority) { case "urgent" -> 4; case "high" -> 3; case "medium" -> 2; default -> 1; });
        t.put("priority_raw", t.get("priority_id"));
        t.put("priority_text", Character.toUpperCase(priority.charAt(0)) + priority.substring(1));
        t.put("type", "Incident");
        t.put("ticket_type", "Incident");
        t.put("company_id", "100001");
        t.put("requester_id", 5000 + id);
        t.put("requester_email", "requester" + id + "@client.example");
        t.put("requester_name", "Requester " + id);
        t.put("responder_id", responderId);
        t.put("agent_name", responderId == null ? "Unassigned" : "Agent " + responderId);
        t.put("group_id", groupId);
        t.put("source", "freshservice");
        t.put("created_at_str", "2025-06-09T12:00:00Z");
        t.put("updated_at_str", "2025-06-10T11:00:00Z");
        t.put("fr_due_by_str", "2025-06-10T14:00:00Z");
        t.put("due_by_str", null);
        t.put("first_responded_at_iso", null);
        t.put("agent_responded_at", null);
        t.put("updated_friendly", "1h ago");
        t.put("created_days_old", "1 day old");
        t.put("agent_responded_friendly", "N/A");
        t.put("sla_text", slaText);
        t.put("sla_class", slaClass);
        t.put("total_hours_spent", 1.5);
        sections.get(section - 1).add(t);
        return t;
    }

    private static String claim(String authorization, String name) {
        if (authorization == null || !authorization.startsWith("Bearer ")) {
            return null;
        }
        String[] parts = authorization.substring(7).split("\\.");
        if (parts.length < 2) {
            return null;
        }
        JsonNode claims = JSON.readTree(new String(Base64.getUrlDecoder().decode(parts[1]), StandardCharsets.UTF_8));
        return claims.path(name).asString(null);
    }
}
