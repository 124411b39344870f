package com.hivematrix.codex.ticket;

import java.util.Locale;
import java.util.Map;
import java.util.Set;

/** Freshservice status/priority maps and display names (spec §5.3). */
public final class TicketStatuses {

    public static final Map<Integer, String> FS_STATUS = Map.ofEntries(Map.entry(2, "open"), Map.entry(3, "pending"),
            Map.entry(4, "resolved"), Map.entry(5, "closed"), Map.entry(6, "spam"), Map.entry(7, "deleted"),
            Map.entry(8, "scheduled"), Map.entry(9, "waiting_customer"), Map.entry(10, "waiting_third_party"),
            Map.entry(13, "under_investigation"), Map.entry(15, "job_complete_bill"), Map.entry(16, "billing_complete"),
            Map.entry(19, "update_needed"), Map.entry(23, "on_hold"), Map.entry(26, "customer_replied"), Map.entry(27, "pending_hubspot"));

    public static final Map<Integer, String> FS_PRIORITY = Map.of(1, "low", 2, "medium", 3, "high", 4, "urgent");

    static final Map<String, String> DISPLAY = Map.ofEntries(Map.entry("open", "Open"), Map.entry("pending", "Pending"),
            Map.entry("resolved", "Resolved"), Map.entry("closed", "Closed"), Map.entry("spam", "Spam"), Map.entry("deleted", "Deleted"),
            Map.entry("trash", "Trash"), Map.entry("scheduled", "Scheduled"), Map.entry("waiting_customer", "Waiting on Customer"),
            Map.entry("waiting_third_party", "Waiting on Third Party"), Map.entry("under_investigation", "Under Investigation"),
            Map.entry("job_complete_bill", "Job Complete - Bill"), Map.entry("billing_complete", "Billing Complete - Close"),
            Map.entry("update_needed", "Update Needed"), Map.entry("on_hold", "On Hold"), Map.entry("customer_replied", "Customer Replied"),
            Map.entry("pending_hubspot", "Pending Hubspot"), Map.entry("unknown", "Unknown"));

    /** Statuses that are not "active" for Beacon. */
    public static final Set<String> INACTIVE = Set.of("closed", "resolved", "job_complete_bill", "billing_complete", "spam", "trash", "deleted");

    private TicketStatuses() {
    }

    public static String statusFromFs(Integer id) {
        return id == null ? "unknown" : FS_STATUS.getOrDefault(id, "unknown");
    }

    public static String priorityFromFs(Integer id) {
        return id == null ? "unknown" : FS_PRIORITY.getOrDefault(id, "unknown");
    }

    public static String display(String status) {
        if (status == null || status.isEmpty()) {
            return "Unknown";
        }
        String d = DISPLAY.get(status);
        if (d != null) {
            return d;
        }
        StringBuilder sb = new StringBuilder();
        for (String w : status.replace('_', ' ').split(" ")) {
            if (!w.isEmpty()) {
                sb.append(sb.length() == 0 ? "" : " ").append(Character.toUpperCase(w.charAt(0))).append(w.substring(1).toLowerCase(Locale.ROOT));
            }
        }
        return sb.toString();
    }

    public static String priorityText(String priority) {
        return switch (priority == null ? "" : priority) {
            case "low" -> "Low";
            case "medium" -> "Medium";
            case "high" -> "High";
            case "urgent" -> "Urgent";
            default -> "Unknown";
        };
    }
}
