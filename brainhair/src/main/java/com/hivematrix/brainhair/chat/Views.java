package com.hivematrix.brainhair.chat;

import java.sql.Timestamp;
import java.time.OffsetDateTime;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import tools.jackson.databind.ObjectMapper;

/** Database rows → the JSON the original's clients read (timestamps as ISO-8601 UTC). */
final class Views {

    private Views() {
    }

    static Map<String, Object> session(Map<String, Object> row) {
        Map<String, Object> m = new LinkedHashMap<>();
        for (String k : List.of("id", "user_id", "user_name", "ticket_number", "client_name", "client_account", "is_active", "title",
                "summary")) {
            m.put(k, row.get(k));
        }
        for (String k : List.of("created_at", "updated_at", "ended_at")) {
            m.put(k, iso(row.get(k)));
        }
        if (row.containsKey("message_count")) {
            m.put("message_count", ((Number) row.get("message_count")).longValue());
        }
        return m;
    }

    static Map<String, Object> message(Map<String, Object> row, ObjectMapper json) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("id", row.get("id"));
        m.put("role", row.get("role"));
        m.put("content", row.get("content"));
        m.put("tool_calls", row.get("tool_calls") == null ? null : json.readTree((String) row.get("tool_calls")));
        m.put("tool_results", row.get("tool_results") == null ? null : json.readTree((String) row.get("tool_results")));
        m.put("status", row.get("status"));
        m.put("created_at", iso(row.get("created_at")));
        m.put("was_filtered", row.get("was_filtered"));
        m.put("filter_type", row.get("filter_type"));
        return m;
    }

    static String iso(Object v) {
        if (v instanceof Timestamp t) {
            return t.toInstant().toString();
        }
        if (v instanceof OffsetDateTime o) {
            return o.toInstant().toString();
        }
        return v == null ? null : v.toString();
    }
}
