package com.hivematrix.codex.ticket;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

import com.hivematrix.codex.web.Rows;

/**
 * Beacon's SLA/aging engine (spec §10.2), kept byte-for-byte in its texts and classes. Pure:
 * "now" is a parameter, so every rule is testable without clocks or sleeps.
 */
public final class ActiveTicketClassifier {

    /** One candidate ticket as read from the database. */
    public record Row(long externalId, String ticketNumber, String subject, String descriptionText, String status, Integer statusId,
            String priority, Integer priorityId, String ticketType, String companyId, Long requesterId, String requesterEmail,
            String requesterName, Long responderId, Long groupId, String source, Instant createdAt, Instant lastUpdatedAt,
            Instant frDueBy, Instant dueBy, Instant firstRespondedAt, Instant agentRespondedAt, double totalHoursSpent) {
    }

    static final Set<String> SECTION1 = Set.of("open", "update_needed", "pending");

    private ActiveTicketClassifier() {
    }

    public static Map<String, Object> classify(List<Row> rows, Map<Long, String> agentNames, Map<Long, String> requesterNames,
            Instant now, String lastSyncTime) {
        List<List<Map<String, Object>>> sections = List.of(new ArrayList<>(), new ArrayList<>(), new ArrayList<>(), new ArrayList<>());
        List<List<Row>> sortKeys = List.of(new ArrayList<>(), new ArrayList<>(), new ArrayList<>(), new ArrayList<>());
        for (Row t : rows) {
            String[] sla = new String[2];
            int section = section(t, now, sla);
            Map<String, Object> item = item(t, agentNames, requesterNames, now);
            item.put("sla_text", sla[0]);
            item.put("sla_class", sla[1]);
            sections.get(section - 1).add(item);
            sortKeys.get(section - 1).add(t);
        }
        Map<String, Object> body = new LinkedHashMap<>();
        int total = 0;
        for (int i = 0; i < 4; i++) {
            List<Map<String, Object>> sorted = sortSection(sections.get(i));
            body.put("section" + (i + 1), sorted);
            total += sorted.size();
        }
        body.put("total_active", total);
        body.put("last_updated", Rows.iso(now));
        body.put("last_sync_time", lastSyncTime);
        return body;
    }

    static List<Map<String, Object>> sortSection(List<Map<String, Object>> items) {
        List<Map<String, Object>> copy = new ArrayList<>(items);
        copy.sort(Comparator.<Map<String, Object>>comparingInt(m -> m.get("priority_id") == null ? 1 : (Integer) m.get("priority_id")).reversed()
                .thenComparing(m -> m.get("updated_at_str") == null ? "" : (String) m.get("updated_at_str")));
        return copy;
    }

    /** Returns the section (1-4) and fills sla[0]=text, sla[1]=class. */
    static int section(Row t, Instant now, String[] sla) {
        String status = t.status() == null ? "" : t.status();
        String friendly = updatedFriendly(t.lastUpdatedAt(), now);
        if (status.equals("customer_replied")) {
            sla[0] = "Customer Replied (" + friendly + ")";
            sla[1] = "sla-warning";
            return 2;
        }
        if (status.equals("pending_hubspot")) {
            sla[0] = "Pending Hubspot (" + friendly + ")";
            sla[1] = "sla-none";
            return 4;
        }
        if (t.lastUpdatedAt() != null && t.priority() != null
                && Duration.between(t.lastUpdatedAt(), now).compareTo(threshold(t.priority())) > 0) {
            sla[0] = "Update Overdue (" + TicketStatuses.display(status) + ", " + friendly + ")";
            sla[1] = "sla-critical";
            return 3;
        }
        if (SECTION1.contains(status)) {
            if (t.firstRespondedAt() == null) {
                frSla(t, now, sla);
            } else {
                sla[0] = TicketStatuses.display(status) + " (FR Met)";
                sla[1] = "sla-responded";
            }
            return 1;
        }
        if (status.equals("waiting_customer")) {
            sla[0] = "Waiting on Customer" + (t.agentRespondedAt() != null ? " (Agent: " + updatedFriendly(t.agentRespondedAt(), now) + ")" : "");
            sla[1] = "sla-responded";
        } else if (status.equals("on_hold")) {
            sla[0] = "On Hold (" + friendly + ")";
            sla[1] = "sla-none";
        } else {
            sla[0] = TicketStatuses.display(status) + " (" + friendly + ")";
            sla[1] = "sla-in-progress";
        }
        return 4;
    }

    static Duration threshold(String priority) {
        return switch (priority) {
            case "urgent" -> Duration.ofMinutes(30);
            case "high" -> Duration.ofDays(2);
            case "medium" -> Duration.ofDays(3);
            case "low" -> Duration.ofDays(4);
            default -> Duration.ofDays(3);
        };
    }

    static void frSla(Row t, Instant now, String[] sla) {
        boolean serviceRequest = "Service Request".equals(t.ticketType());
        String prefix = serviceRequest ? "Due" : "FR";
        Instant target = serviceRequest ? t.dueBy() : t.frDueBy();
        if (target == null) {
            sla[0] = "No " + prefix + " Due Date";
            sla[1] = "sla-none";
            return;
        }
        double seconds = Duration.between(now, target).toMillis() / 1000.0;
        double hours = seconds / 3600.0;
        String delta = formatDelta(Math.abs(seconds));
        if (hours < 0) {
            sla[0] = prefix + " Overdue by " + delta;
            sla[1] = "sla-overdue";
        } else {
            sla[0] = delta + " for " + prefix;
            sla[1] = hours < 4 ? "sla-critical" : hours < 12 ? "sla-warning" : "sla-normal";
        }
    }

    /**
     * The original printed {@code f"{x:.1f}"}: the exact binary value rounded half-to-even, so 69 minutes
     * is "1.1 hours" (1.15 is stored as 1.1499…), not the "1.2" of Java's decimal-text rounding.
     */
    static String oneDecimal(double value) {
        return new BigDecimal(value).setScale(1, RoundingMode.HALF_EVEN).toPlainString();
    }

    static String formatDelta(double seconds) {
        if (seconds >= 2 * 86400) {
            return oneDecimal(seconds / 86400) + " days";
        }
        if (seconds >= 3600) {
            return oneDecimal(seconds / 3600) + " hours";
        }
        if (seconds >= 60) {
            return (long) (seconds / 60) + " min";
        }
        return (long) seconds + " sec";
    }

    static String updatedFriendly(Instant t, Instant now) {
        if (t == null) {
            return "N/A";
        }
        long s = Duration.between(t, now).getSeconds();
        if (s < 0) {
            return "in the future";
        }
        if (s < 60) {
            return "Just now";
        }
        if (s < 3600) {
            return (s / 60) + "m ago";
        }
        if (s < 86400) {
            return (s / 3600) + "h ago";
        }
        return (s / 86400) + "d ago";
    }

    static String createdDaysOld(Instant created, Instant now) {
        if (created == null) {
            return "N/A";
        }
        long days = ChronoUnit.DAYS.between(LocalDate.ofInstant(created, ZoneOffset.UTC), LocalDate.ofInstant(now, ZoneOffset.UTC));
        if (days < 0) {
            return "Future Date";
        }
        return days == 0 ? "Today" : days == 1 ? "1 day old" : days + " days old";
    }

    static Map<String, Object> item(Row t, Map<Long, String> agents, Map<Long, String> requesters, Instant now) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("id", t.externalId());
        m.put("ticket_number", t.ticketNumber());
        m.put("subject", t.subject());
        m.put("description_text", t.descriptionText());
        m.put("status", t.status());
        m.put("status_id", t.statusId());
        m.put("status_text", TicketStatuses.display(t.status()));
        m.put("priority", t.priority());
        m.put("priority_id", t.priorityId());
        m.put("priority_raw", t.priorityId());
        m.put("priority_text", TicketStatuses.priorityText(t.priority()));
        m.put("type", t.ticketType());
        m.put("ticket_type", t.ticketType());
        m.put("company_id", t.companyId());
        m.put("requester_id", t.requesterId());
        m.put("requester_email", t.requesterEmail());
        String requester = t.requesterName();
        if (requester == null || requester.isBlank()) {
            requester = t.requesterId() == null ? "N/A"
                    : requesters.getOrDefault(t.requesterId(), "Requester " + t.requesterId());
        }
        m.put("requester_name", requester);
        m.put("responder_id", t.responderId());
        m.put("agent_name", t.responderId() == null ? "Unassigned" : agents.getOrDefault(t.responderId(), "Agent " + t.responderId()));
        m.put("group_id", t.groupId());
        m.put("source", t.source());
        m.put("created_at_str", Rows.iso(t.createdAt()));
        m.put("updated_at_str", Rows.iso(t.lastUpdatedAt()));
        m.put("fr_due_by_str", Rows.iso(t.frDueBy()));
        m.put("due_by_str", Rows.iso(t.dueBy()));
        m.put("first_responded_at_iso", Rows.iso(t.firstRespondedAt()));
        m.put("agent_responded_at", Rows.iso(t.agentRespondedAt()));
        m.put("updated_friendly", updatedFriendly(t.lastUpdatedAt(), now));
        m.put("created_days_old", createdDaysOld(t.createdAt(), now));
        m.put("agent_responded_friendly", updatedFriendly(t.agentRespondedAt(), now));
        m.put("total_hours_spent", t.totalHoursSpent());
        return m;
    }
}
