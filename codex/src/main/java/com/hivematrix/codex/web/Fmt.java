package com.hivematrix.codex.web;

import java.time.Instant;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.Locale;

import org.springframework.stereotype.Component;

import com.hivematrix.codex.ticket.TicketStatuses;

/** Formatting helpers the templates call as {@code ${@fmt.…}}. Output is escaped by the templates, never here. */
@Component("fmt")
public class Fmt {

    private static final DateTimeFormatter DATE_TIME = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm 'UTC'", Locale.ROOT).withZone(ZoneOffset.UTC);

    /** An ISO timestamp (as the row maps hold them) shown as "2025-11-24 15:05 UTC"; anything else as is. */
    public String dateTime(Object value) {
        if (value == null) {
            return "";
        }
        if (value instanceof Instant i) {
            return DATE_TIME.format(i);
        }
        if (value instanceof OffsetDateTime o) {
            return DATE_TIME.format(o);
        }
        String s = value.toString();
        try {
            return DATE_TIME.format(Instant.parse(s));
        } catch (DateTimeParseException e) {
            return s;
        }
    }

    public String date(Object value) {
        if (value == null) {
            return "";
        }
        if (value instanceof LocalDate d) {
            return d.toString();
        }
        return value.toString();
    }

    /** Badge modifier for a normalized ticket status. */
    public String statusBadge(String status) {
        if (status == null) {
            return "badge";
        }
        return switch (status) {
            case "open", "customer_replied", "update_needed" -> "badge badge--warning";
            case "pending", "scheduled", "waiting_customer", "waiting_third_party", "under_investigation", "on_hold",
                    "pending_hubspot" -> "badge badge--info";
            case "closed", "resolved", "job_complete_bill", "billing_complete" -> "badge badge--success";
            case "spam", "deleted", "trash" -> "badge badge--danger";
            default -> "badge";
        };
    }

    public String statusText(String status) {
        return TicketStatuses.display(status);
    }

    public String priorityBadge(String priority) {
        if (priority == null) {
            return "badge";
        }
        return switch (priority) {
            case "urgent" -> "badge badge--danger";
            case "high" -> "badge badge--warning";
            case "medium" -> "badge badge--info";
            default -> "badge";
        };
    }

    public String onlineBadge(Object online) {
        return Boolean.TRUE.equals(online) ? "badge badge--success" : "badge badge--danger";
    }

    public String yesNo(Object b) {
        return Boolean.TRUE.equals(b) ? "Yes" : "No";
    }

    public String money(Object n) {
        if (n == null) {
            return "";
        }
        return String.format(Locale.ROOT, "%.2f", ((Number) n).doubleValue());
    }

    /**
     * A normalised key as people read it ({@code up_to_date} → "Up to date", {@code virtual_machine}
     * → "Virtual machine"); anything else (an imported "Up to Date", UDF7's "Server") is shown as stored.
     */
    public String label(String value) {
        if (value == null || !value.matches("[a-z][a-z0-9_]*")) {
            return value == null ? "" : value;
        }
        String words = value.replace('_', ' ');
        return Character.toUpperCase(words.charAt(0)) + words.substring(1);
    }

    public String titleCase(String key) {
        if (key == null || key.isBlank()) {
            return "";
        }
        StringBuilder sb = new StringBuilder();
        for (String w : key.replace('_', ' ').split(" ")) {
            if (!w.isEmpty()) {
                sb.append(sb.isEmpty() ? "" : " ").append(Character.toUpperCase(w.charAt(0))).append(w.substring(1));
            }
        }
        return sb.toString();
    }
}
