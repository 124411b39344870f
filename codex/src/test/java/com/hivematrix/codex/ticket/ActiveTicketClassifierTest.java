package com.hivematrix.codex.ticket;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;

class ActiveTicketClassifierTest {

    static final Instant NOW = Instant.parse("2025-06-10T12:00:00Z");

    static ActiveTicketClassifier.Row row(long id, String status, String priority, Integer priorityId, String type, Instant updated,
            Instant frDue, Instant dueBy, Instant firstResponded) {
        return new ActiveTicketClassifier.Row(id, String.valueOf(id), "S" + id, "d", status, 2, priority, priorityId, type, "100001",
                null, null, null, null, null, "freshservice", NOW.minus(Duration.ofDays(1)), updated, frDue, dueBy, firstResponded, null, 0);
    }

    @Test
    @SuppressWarnings("unchecked")
    void sectionsFollowThePrecedenceAndTexts() {
        Instant recent = NOW.minus(Duration.ofMinutes(10));
        List<ActiveTicketClassifier.Row> rows = List.of(
                row(1, "customer_replied", "low", 1, "Incident", NOW.minus(Duration.ofDays(9)), null, null, null),
                row(2, "pending_hubspot", "low", 1, "Incident", NOW.minus(Duration.ofDays(9)), null, null, null),
                row(3, "open", "urgent", 4, "Incident", NOW.minus(Duration.ofMinutes(31)), null, null, null),
                row(4, "open", "medium", 2, "Incident", recent, NOW.minus(Duration.ofMinutes(150)), null, null),
                row(5, "pending", "medium", 2, "Incident", recent, null, null, NOW),
                row(6, "open", "high", 3, "Service Request", recent, null, NOW.plus(Duration.ofHours(5)), null),
                row(7, "on_hold", "low", 1, "Incident", NOW.minus(Duration.ofHours(3)), null, null, null),
                row(8, "scheduled", "low", 1, "Incident", NOW.minus(Duration.ofHours(3)), null, null, null),
                row(9, "open", "low", 1, "Incident", recent, NOW.plus(Duration.ofDays(3)), null, null));
        Map<String, Object> body = ActiveTicketClassifier.classify(rows, Map.of(), Map.of(), NOW, null);
        List<Map<String, Object>> s1 = (List<Map<String, Object>>) body.get("section1");
        List<Map<String, Object>> s2 = (List<Map<String, Object>>) body.get("section2");
        List<Map<String, Object>> s3 = (List<Map<String, Object>>) body.get("section3");
        List<Map<String, Object>> s4 = (List<Map<String, Object>>) body.get("section4");
        assertThat(s2).extracting(m -> m.get("sla_text")).containsExactly("Customer Replied (9d ago)");
        assertThat(s3).extracting(m -> m.get("sla_text")).containsExactly("Update Overdue (Open, 31m ago)");
        assertThat(s3.get(0).get("sla_class")).isEqualTo("sla-critical");
        assertThat(s1).extracting(m -> m.get("id")).containsExactly(6L, 4L, 5L, 9L);
        assertThat(s1).extracting(m -> m.get("sla_text")).containsExactly("5.0 hours for Due", "FR Overdue by 2.5 hours",
                "Pending (FR Met)", "3.0 days for FR");
        assertThat(s1).extracting(m -> m.get("sla_class")).containsExactly("sla-warning", "sla-overdue", "sla-responded", "sla-normal");
        assertThat(s4).extracting(m -> m.get("sla_text")).containsExactlyInAnyOrder("Pending Hubspot (9d ago)", "On Hold (3h ago)", "Scheduled (3h ago)");
        assertThat(body.get("total_active")).isEqualTo(9);
        assertThat(s1.get(0).get("agent_name")).isEqualTo("Unassigned");
        assertThat(s1.get(0).get("requester_name")).isEqualTo("N/A");
        assertThat(s1.get(0).get("created_days_old")).isEqualTo("1 day old");
    }

    @Test
    void deltaFormatting() {
        assertThat(ActiveTicketClassifier.formatDelta(59)).isEqualTo("59 sec");
        assertThat(ActiveTicketClassifier.formatDelta(61 * 60)).isEqualTo("1.0 hours");
        assertThat(ActiveTicketClassifier.formatDelta(125)).isEqualTo("2 min");
        assertThat(ActiveTicketClassifier.updatedFriendly(NOW.plusSeconds(5), NOW)).isEqualTo("in the future");
        assertThat(ActiveTicketClassifier.createdDaysOld(NOW.plus(Duration.ofDays(2)), NOW)).isEqualTo("Future Date");
        assertThat(ActiveTicketClassifier.createdDaysOld(NOW.minusSeconds(60), NOW)).isEqualTo("Today");
    }

    @Test
    void decimalsRoundTheBinaryValueHalfToEvenAsTheOriginalDid() {
        assertThat(ActiveTicketClassifier.formatDelta(69 * 60)).isEqualTo("1.1 hours");
        assertThat(ActiveTicketClassifier.formatDelta(2.25 * 3600)).isEqualTo("2.2 hours");
        assertThat(ActiveTicketClassifier.formatDelta(2.15 * 86400)).isEqualTo("2.1 days");
        assertThat(ActiveTicketClassifier.formatDelta(90 * 60)).isEqualTo("1.5 hours");
        assertThat(ActiveTicketClassifier.formatDelta(3 * 86400)).isEqualTo("3.0 days");
        assertThat(ActiveTicketClassifier.formatDelta(59 * 60 + 59)).isEqualTo("59 min");
    }
}
