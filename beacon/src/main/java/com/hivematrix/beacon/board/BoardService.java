package com.hivematrix.beacon.board;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

import org.springframework.stereotype.Service;

import tools.jackson.databind.JsonNode;

/**
 * Splits Codex's four sections into the Helpdesk and Professional Services boards, applies the
 * agent filter and shapes the rows: everything Codex sends for the dashboard, only what the board
 * shows for the public TV display.
 */
@Service
public class BoardService {

    /** The fields the TV display needs to draw a row; nothing else leaves Beacon on public paths. */
    static final List<String> PUBLIC_FIELDS = List.of("id", "subject", "requester_name", "agent_name", "priority_raw",
            "priority_text", "status_text", "sla_text", "sla_class", "updated_friendly", "created_days_old",
            "updated_at_str", "created_at_str");

    private static final Set<String> DUE_HIDDEN_CLASSES = Set.of("sla-normal", "sla-responded", "sla-none");

    private final CodexFeed feed;
    private final Clock clock;

    @org.springframework.beans.factory.annotation.Autowired
    public BoardService(CodexFeed feed) {
        this(feed, Clock.systemUTC());
    }

    BoardService(CodexFeed feed, Clock clock) {
        this.feed = feed;
        this.clock = clock;
    }

    public Board board(View view, Long agentId, boolean publicView) {
        CodexFeed.Result result = feed.active();
        CodexFeed.PsaConfig config = feed.psaConfig();
        JsonNode body = result.snapshot() == null ? null : result.snapshot().body();
        List<Board.Section> sections = new ArrayList<>(4);
        List<String> names = view.sectionNames();
        int total = 0;
        for (int i = 1; i <= 4; i++) {
            List<Map<String, Object>> items = new ArrayList<>();
            JsonNode section = body == null ? null : body.path("section" + i);
            if (section != null && section.isArray()) {
                for (JsonNode t : section) {
                    if (!view.includes(longOrNull(t.path("group_id")), config.professionalServicesGroupId())) {
                        continue;
                    }
                    if (agentId != null && !agentId.equals(longOrNull(t.path("responder_id")))) {
                        continue;
                    }
                    items.add(publicView ? publicItem(t) : fullItem(t, config.ticketUrlTemplate()));
                }
            }
            total += items.size();
            sections.add(new Board.Section(i, names.get(i - 1), items));
        }
        Instant now = clock.instant().truncatedTo(ChronoUnit.SECONDS);
        String lastSync = body == null ? null : text(body.path("last_sync_time"));
        String fetchedAt = result.snapshot() == null ? null : result.snapshot().fetchedAt().truncatedTo(ChronoUnit.SECONDS).toString();
        Long age = result.snapshot() == null ? null : Math.max(0, Duration.between(result.snapshot().fetchedAt(), clock.instant()).toSeconds());
        return new Board(view, sections, total, lastSync != null ? lastSync : now.toString(), result.error(), fetchedAt, age);
    }

    private static Map<String, Object> fullItem(JsonNode t, String ticketUrlTemplate) {
        Map<String, Object> m = new LinkedHashMap<>();
        for (Map.Entry<String, JsonNode> e : t.properties()) {
            m.put(e.getKey(), plain(e.getValue()));
        }
        m.put("ticket_url", ticketUrlTemplate != null && t.hasNonNull("id")
                ? ticketUrlTemplate.replace("{ticket_id}", t.path("id").asString()) : null);
        decorate(t, m);
        return m;
    }

    private static Map<String, Object> publicItem(JsonNode t) {
        Map<String, Object> m = new LinkedHashMap<>();
        for (String f : PUBLIC_FIELDS) {
            m.put(f, plain(t.path(f)));
        }
        m.put("ticket_url", null);
        decorate(t, m);
        return m;
    }

    /** The badge class and the "FR Due: …" / "Due: …" hint the board shows next to the SLA text. */
    private static void decorate(JsonNode t, Map<String, Object> m) {
        m.put("priority_badge_class", badgeClass(text(t.path("priority_text"))));
        String slaClass = text(t.path("sla_class"));
        boolean serviceRequest = "Service Request".equals(text(t.path("ticket_type")));
        String due = text(t.path(serviceRequest ? "due_by_str" : "fr_due_by_str"));
        if (text(t.path("first_responded_at_iso")) == null && due != null && slaClass != null && !DUE_HIDDEN_CLASSES.contains(slaClass)) {
            m.put("sla_due_label", serviceRequest ? "Due" : "FR Due");
            m.put("sla_due_iso", due);
        } else {
            m.put("sla_due_label", null);
            m.put("sla_due_iso", null);
        }
    }

    static String badgeClass(String priorityText) {
        String p = priorityText == null ? "unknown" : priorityText.toLowerCase(Locale.ROOT);
        String modifier = switch (p) {
            case "urgent" -> "badge--danger";
            case "high" -> "badge--warning";
            case "medium" -> "badge--info";
            case "low" -> "badge--success";
            default -> "badge--neutral";
        };
        return "badge " + modifier + " priority-badge--" + p;
    }

    private static Object plain(JsonNode n) {
        if (n == null || n.isNull() || n.isMissingNode()) {
            return null;
        }
        if (n.isIntegralNumber()) {
            return n.canConvertToLong() ? (Object) n.asLong() : n.asString();
        }
        if (n.isNumber()) {
            return n.asDouble();
        }
        if (n.isBoolean()) {
            return n.asBoolean();
        }
        if (n.isString()) {
            return n.asString();
        }
        return n; // nested JSON passes through as it came
    }

    private static String text(JsonNode n) {
        return n == null || n.isNull() || n.isMissingNode() ? null : n.asString();
    }

    private static Long longOrNull(JsonNode n) {
        if (n == null || n.isNull() || n.isMissingNode()) {
            return null;
        }
        if (n.isNumber()) {
            return n.asLong();
        }
        try {
            return Long.valueOf(n.asString().trim());
        } catch (NumberFormatException e) {
            return null;
        }
    }
}
