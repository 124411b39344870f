package com.hivematrix.beacon;

import static com.hivematrix.beacon.support.TestPlatform.CLIENT;
import static com.hivematrix.beacon.support.TestPlatform.TECH;
import static org.assertj.core.api.Assertions.assertThat;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.Statement;
import java.sql.Timestamp;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

import com.hivematrix.beacon.support.Http;
import com.hivematrix.beacon.support.TestPlatform;
import com.hivematrix.shared.testsupport.CodexProcess;

import tools.jackson.databind.JsonNode;

/**
 * Beacon against the real Codex process: the classification engine's case table as Beacon
 * receives it (each threshold on both sides of its edge, texts, classes, sort order, names,
 * last_sync_time), the view split on real data, the public feed with Beacon's service token and
 * the sync-status read with the user's token.
 */
@SpringBootTest(classes = BeaconApplication.class, webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT, properties = {
        "hivematrix.logs.ship-to-helm=false", "hivematrix.service-secret=test-secret", "beacon.feed-cache-ttl=0s"})
class RealCodexTest {

    static final long PS = 19000234009L;
    static final long HD = 19000234001L;
    static Instant now;
    static Instant lastTicketSync;

    @LocalServerPort
    int port;
    Http http;

    @DynamicPropertySource
    static void platform(DynamicPropertyRegistry registry) {
        registry.add("hivematrix.security.jwks-uri", TestPlatform.ISSUER::jwksUri);
        registry.add("hivematrix.registry-file", () -> TestPlatform.registry(CodexProcess.get("beacon", TestPlatform.ISSUER, TestPlatform.CORE).url()).toString());
    }

    @BeforeEach
    void client() {
        http = new Http("http://127.0.0.1:" + port);
    }

    /** One ticket row: the columns the engine reads. */
    record T(long id, String status, String priority, Integer priorityId, String type, Long group, Duration updatedAgo,
            Duration frDueIn, Duration dueIn, boolean responded, Duration agentRespondedAgo, Long responder, Long requesterId,
            String requesterName, Duration createdAgo) {
        static T of(long id, String status, String priority, Duration updatedAgo) {
            return new T(id, status, priority, priorityId(priority), "Incident", HD, updatedAgo, null, null, false, null, null, null,
                    null, Duration.ofDays(3));
        }

        T fr(Duration in) { return new T(id, status, priority, priorityId, type, group, updatedAgo, in, dueIn, responded, agentRespondedAgo, responder, requesterId, requesterName, createdAgo); }
        T due(Duration in) { return new T(id, status, priority, priorityId, "Service Request", group, updatedAgo, frDueIn, in, responded, agentRespondedAgo, responder, requesterId, requesterName, createdAgo); }
        T withFirstResponse() { return new T(id, status, priority, priorityId, type, group, updatedAgo, frDueIn, dueIn, true, agentRespondedAgo, responder, requesterId, requesterName, createdAgo); }
        T agentResponded(Duration ago) { return new T(id, status, priority, priorityId, type, group, updatedAgo, frDueIn, dueIn, responded, ago, responder, requesterId, requesterName, createdAgo); }
        T group(Long g) { return new T(id, status, priority, priorityId, type, g, updatedAgo, frDueIn, dueIn, responded, agentRespondedAgo, responder, requesterId, requesterName, createdAgo); }
        T people(Long responderId, Long requester, String requesterNameOnTicket) { return new T(id, status, priority, priorityId, type, group, updatedAgo, frDueIn, dueIn, responded, agentRespondedAgo, responderId, requester, requesterNameOnTicket, createdAgo); }
        T created(Duration ago) { return new T(id, status, priority, priorityId, type, group, updatedAgo, frDueIn, dueIn, responded, agentRespondedAgo, responder, requesterId, requesterName, ago); }
        T noPriorityId() { return new T(id, status, priority, null, type, group, updatedAgo, frDueIn, dueIn, responded, agentRespondedAgo, responder, requesterId, requesterName, createdAgo); }

        static Integer priorityId(String p) {
            return switch (p) { case "urgent" -> 4; case "high" -> 3; case "medium" -> 2; case "low" -> 1; default -> null; };
        }
    }

    static Duration m(long minutes) { return Duration.ofMinutes(minutes); }
    static Duration h(long hours) { return Duration.ofHours(hours); }
    static Duration d(long days) { return Duration.ofDays(days); }

    static final Duration RECENT = m(10);

    static final List<T> TICKETS = List.of(
            // update-overdue thresholds per priority, each side of the edge
            T.of(101, "open", "urgent", m(29)).fr(h(8)),
            T.of(102, "open", "urgent", m(31)),
            T.of(103, "open", "high", h(47)).withFirstResponse(),
            T.of(104, "open", "high", h(49)),
            T.of(105, "pending", "medium", h(71)).withFirstResponse(),
            T.of(106, "pending", "medium", h(73)),
            T.of(107, "update_needed", "low", h(95)).withFirstResponse(),
            T.of(108, "update_needed", "low", h(97)),
            T.of(109, "scheduled", "unknown", h(71)).noPriorityId(),
            T.of(110, "scheduled", "unknown", h(73)).noPriorityId(),
            // first-response thresholds (<0 overdue, <4 h critical, <12 h warning, else normal) and formats
            T.of(111, "open", "low", RECENT).fr(m(230)),
            T.of(112, "open", "low", RECENT).fr(m(250)),
            T.of(113, "open", "low", RECENT).fr(m(710)),
            T.of(114, "open", "low", RECENT).fr(m(730)),
            T.of(115, "open", "low", RECENT).fr(m(-10)),
            T.of(116, "open", "low", RECENT).fr(m(30)),
            T.of(117, "open", "low", RECENT).fr(d(3)),
            T.of(118, "open", "low", RECENT),
            T.of(119, "open", "low", RECENT).fr(h(-1)).due(m(310)),
            T.of(120, "open", "low", RECENT).due(null),
            // section 4 texts, names, ages
            T.of(121, "waiting_customer", "low", h(1)).agentResponded(h(2)).people(1001L, 7001L, "Ticket Requester"),
            T.of(122, "waiting_customer", "low", h(1)).people(1009L, 7001L, null),
            T.of(123, "on_hold", "low", h(3)).people(null, 7002L, null),
            T.of(124, "waiting_third_party", "low", m(5)).created(d(-2)),
            T.of(125, "under_investigation", "low", Duration.ofSeconds(30)),
            // precedence: customer_replied and pending_hubspot before update-overdue; overdue before section 4
            T.of(126, "customer_replied", "urgent", d(5)),
            T.of(127, "pending_hubspot", "urgent", d(5)),
            T.of(128, "waiting_customer", "low", d(5)),
            // never active
            T.of(130, "closed", "low", RECENT), T.of(131, "resolved", "low", RECENT), T.of(132, "job_complete_bill", "low", RECENT),
            T.of(133, "billing_complete", "low", RECENT), T.of(134, "spam", "low", RECENT), T.of(135, "trash", "low", RECENT),
            T.of(136, "deleted", "low", RECENT),
            // Professional Services
            T.of(140, "open", "low", RECENT).fr(h(20)).group(PS),
            T.of(141, "customer_replied", "high", h(2)).group(PS));

    @BeforeAll
    static void seed() throws Exception {
        CodexProcess codex = CodexProcess.get("beacon", TestPlatform.ISSUER, TestPlatform.CORE);
        now = Instant.now();
        try (Connection c = codex.connect(); Statement s = c.createStatement()) {
            s.execute("TRUNCATE ticket_details, psa_agents, contacts, sync_jobs RESTART IDENTITY CASCADE");
            s.execute("INSERT INTO psa_agents (external_id, external_source, first_name, last_name, active) VALUES "
                    + "(1001, 'freshservice', 'Alice', 'Agent', true), (1009, 'freshservice', 'Gone', 'Agent', false)");
            s.execute("INSERT INTO contacts (external_id, name, primary_email, email) VALUES (7001, 'Carol Contact', 'c@x.test', 'c@x.test')");
            try (PreparedStatement p = c.prepareStatement("""
                    INSERT INTO ticket_details (external_id, ticket_number, subject, status, priority, priority_id, ticket_type, group_id,
                      responder_id, requester_id, requester_name, created_at, last_updated_at, fr_due_by, due_by, first_responded_at,
                      agent_responded_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)""")) {
                for (T t : TICKETS) {
                    p.setLong(1, t.id());
                    p.setString(2, String.valueOf(t.id()));
                    p.setString(3, "Case " + t.id());
                    p.setString(4, t.status());
                    p.setString(5, t.priority());
                    p.setObject(6, t.priorityId());
                    p.setString(7, t.type());
                    p.setObject(8, t.group());
                    p.setObject(9, t.responder());
                    p.setObject(10, t.requesterId());
                    p.setString(11, t.requesterName());
                    p.setTimestamp(12, ts(now.minus(t.createdAgo())));
                    p.setTimestamp(13, ts(now.minus(t.updatedAgo())));
                    p.setTimestamp(14, t.frDueIn() == null ? null : ts(now.plus(t.frDueIn())));
                    p.setTimestamp(15, t.dueIn() == null ? null : ts(now.plus(t.dueIn())));
                    p.setTimestamp(16, t.responded() ? ts(now.minus(h(1))) : null);
                    p.setTimestamp(17, t.agentRespondedAgo() == null ? null : ts(now.minus(t.agentRespondedAgo())));
                    p.addBatch();
                }
                p.executeBatch();
            }
            lastTicketSync = now.minus(m(10)).truncatedTo(ChronoUnit.SECONDS);
            try (PreparedStatement p = c.prepareStatement(
                    "INSERT INTO sync_jobs (id, script, sync_type, status, started_at, completed_at, success) VALUES (?, ?, ?, ?, ?, ?, ?)")) {
                Object[][] jobs = {
                        {"light", "psa", "tickets", "completed", lastTicketSync},
                        {"older", "tickets", null, "completed", now.minus(m(20))},
                        {"detail", "psa", "tickets-detail", "completed", now.minus(m(1))},
                        {"failed", "psa", "tickets", "failed", now.minus(m(2))},
                        {"running-job", "psa", "tickets-detail", "running", null}};
                for (Object[] j : jobs) {
                    p.setString(1, (String) j[0]);
                    p.setString(2, (String) j[1]);
                    p.setString(3, (String) j[2]);
                    p.setString(4, (String) j[3]);
                    p.setTimestamp(5, ts(now.minus(m(30))));
                    p.setTimestamp(6, j[4] == null ? null : ts((Instant) j[4]));
                    p.setObject(7, "completed".equals(j[3]) ? Boolean.TRUE : null);
                    p.addBatch();
                }
                p.executeBatch();
            }
        }
    }

    static Timestamp ts(Instant i) {
        return Timestamp.from(i);
    }

    @Test
    void engineCaseTableAsBeaconReceivesIt() {
        JsonNode board = http.get("/api/tickets/helpdesk", TECH).json();
        assertThat(board.path("error").isNull()).as(board.toString()).isTrue();
        Map<Long, JsonNode> items = new HashMap<>();
        Map<Long, Integer> sectionOf = new HashMap<>();
        for (int s = 1; s <= 4; s++) {
            for (JsonNode t : board.path("s" + s + "_items")) {
                items.put(t.path("id").asLong(), t);
                sectionOf.put(t.path("id").asLong(), s);
            }
        }
        Object[][] expected = {
                {101L, 1, "8.0 hours for FR", "sla-warning"},
                {102L, 3, "Update Overdue (Open, 31m ago)", "sla-critical"},
                {103L, 1, "Open (FR Met)", "sla-responded"},
                {104L, 3, "Update Overdue (Open, 2d ago)", "sla-critical"},
                {105L, 1, "Pending (FR Met)", "sla-responded"},
                {106L, 3, "Update Overdue (Pending, 3d ago)", "sla-critical"},
                {107L, 1, "Update Needed (FR Met)", "sla-responded"},
                {108L, 3, "Update Overdue (Update Needed, 4d ago)", "sla-critical"},
                {109L, 4, "Scheduled (2d ago)", "sla-in-progress"},
                {110L, 3, "Update Overdue (Scheduled, 3d ago)", "sla-critical"},
                {111L, 1, "3.8 hours for FR", "sla-critical"},
                {112L, 1, "4.2 hours for FR", "sla-warning"},
                {113L, 1, "11.8 hours for FR", "sla-warning"},
                {114L, 1, "12.2 hours for FR", "sla-normal"},
                {115L, 1, "FR Overdue by 10 min", "sla-overdue"},
                {116L, 1, "29 min for FR", "sla-critical"},
                {117L, 1, "3.0 days for FR", "sla-normal"},
                {118L, 1, "No FR Due Date", "sla-none"},
                {119L, 1, "5.2 hours for Due", "sla-warning"},
                {120L, 1, "No Due Due Date", "sla-none"}, // "No <prefix> Due Date" with prefix "Due", literally as the original
                {121L, 4, "Waiting on Customer (Agent: 2h ago)", "sla-responded"},
                {122L, 4, "Waiting on Customer", "sla-responded"},
                {123L, 4, "On Hold (3h ago)", "sla-none"},
                {124L, 4, "Waiting on Third Party (5m ago)", "sla-in-progress"},
                {125L, 4, "Under Investigation (Just now)", "sla-in-progress"},
                {126L, 2, "Customer Replied (5d ago)", "sla-warning"},
                {127L, 4, "Pending Hubspot (5d ago)", "sla-none"},
                {128L, 3, "Update Overdue (Waiting on Customer, 5d ago)", "sla-critical"}};
        List<String> wrong = new ArrayList<>();
        for (Object[] e : expected) {
            JsonNode t = items.get((Long) e[0]);
            String got = t == null ? "missing" : sectionOf.get((Long) e[0]) + " | " + t.path("sla_text").asString() + " | " + t.path("sla_class").asString();
            String want = e[1] + " | " + e[2] + " | " + e[3];
            if (!got.equals(want)) {
                wrong.add(e[0] + ": want [" + want + "] got [" + got + "]");
            }
        }
        assertThat(wrong).as("engine cases that differ from spec §10.2").isEmpty();
        // Closed-like statuses never show; PS tickets are not on the helpdesk board.
        assertThat(items.keySet()).doesNotContain(130L, 131L, 132L, 133L, 134L, 135L, 136L, 140L, 141L);
        assertThat(board.path("total_active_items").asInt()).isEqualTo(expected.length);
        // Staff see the FR due time for a ticket in danger, not for a calm one.
        assertThat(items.get(111L).path("sla_due_label").asString()).isEqualTo("FR Due");
        assertThat(items.get(119L).path("sla_due_label").asString()).isEqualTo("Due");
        assertThat(items.get(114L).path("sla_due_label").isNull()).isTrue();
    }

    @Test
    void sortWithinSectionsIsPriorityThenOldestUpdate() {
        JsonNode board = http.get("/api/tickets/helpdesk", TECH).json();
        List<Long> s3 = new ArrayList<>();
        board.path("s3_items").forEach(t -> s3.add(t.path("id").asLong()));
        // urgent, high, medium, then the low/unknown (null priority_id counts as 1) by oldest update
        assertThat(s3).containsExactly(102L, 104L, 106L, 128L, 108L, 110L);
        List<Long> s1 = new ArrayList<>();
        board.path("s1_items").forEach(t -> s1.add(t.path("id").asLong()));
        assertThat(s1.subList(0, 4)).containsExactly(101L, 103L, 105L, 107L);
    }

    @Test
    void namesAgesAndLastSync() {
        JsonNode board = http.get("/api/tickets/helpdesk", TECH).json();
        Map<Long, JsonNode> items = new HashMap<>();
        for (int s = 1; s <= 4; s++) {
            board.path("s" + s + "_items").forEach(t -> items.put(t.path("id").asLong(), t));
        }
        assertThat(items.get(121L).path("agent_name").asString()).isEqualTo("Alice Agent");
        assertThat(items.get(122L).path("agent_name").asString()).isEqualTo("Agent 1009");
        assertThat(items.get(123L).path("agent_name").asString()).isEqualTo("Unassigned");
        assertThat(items.get(121L).path("requester_name").asString()).isEqualTo("Ticket Requester");
        assertThat(items.get(122L).path("requester_name").asString()).isEqualTo("Carol Contact");
        assertThat(items.get(123L).path("requester_name").asString()).isEqualTo("Requester 7002");
        assertThat(items.get(124L).path("requester_name").asString()).isEqualTo("N/A");
        assertThat(items.get(121L).path("created_days_old").asString()).isEqualTo("3 days old");
        assertThat(items.get(124L).path("created_days_old").asString()).isEqualTo("Future Date");
        assertThat(items.get(121L).path("priority_badge_class").asString()).isEqualTo("badge badge--success priority-badge--low");
        // The newest completed ticket sync recorded as psa/tickets or tickets; the Beacon-triggered detail sync does not count.
        assertThat(Instant.parse(board.path("dashboard_generated_time_iso").asString())).isEqualTo(lastTicketSync);
    }

    @Test
    void professionalServicesBoardAndAgentFilterOnRealData() {
        JsonNode ps = http.get("/api/tickets/professional-services", TECH).json();
        assertThat(ps.path("s1_items").get(0).path("id").asLong()).isEqualTo(140L);
        assertThat(ps.path("s2_items").get(0).path("id").asLong()).isEqualTo(141L);
        assertThat(ps.path("total_active_items").asInt()).isEqualTo(2);
        JsonNode alice = http.get("/api/tickets/helpdesk?agent_id=1001", TECH).json();
        assertThat(alice.path("total_active_items").asInt()).isEqualTo(1);
        assertThat(alice.path("s4_items").get(0).path("id").asLong()).isEqualTo(121L);
    }

    @Test
    void publicDisplayReadsCodexWithBeaconsOwnToken() {
        Http.Response feed = http.get("/display/api/tickets/professional-services", null);
        assertThat(feed.status()).isEqualTo(200);
        assertThat(feed.json().path("error").isNull()).isTrue();
        assertThat(feed.json().path("s1_items").get(0).path("sla_text").asString()).isEqualTo("20.0 hours for FR");
        assertThat(feed.json().path("s1_items").get(0).has("group_id")).isFalse();
        assertThat(http.get("/display/professional-services", null).body()).contains("Case 140", "20.0 hours for FR", "sla-normal");
    }

    @Test
    void syncStatusIsReadWithTheUsersToken() {
        Http.Response running = http.get("/api/sync/status/running-job", TECH);
        assertThat(running.status()).as(running.body()).isEqualTo(200);
        assertThat(running.json().path("status").asString()).isEqualTo("running");
        Http.Response missing = http.get("/api/sync/status/no-such-job", TECH);
        assertThat(missing.status()).isEqualTo(404);
        assertThat(missing.json().path("error").asString()).isEqualTo("Job not found");
        assertThat(http.get("/api/sync/status/running-job", CLIENT).status()).isEqualTo(403);
    }
}
