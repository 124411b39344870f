package com.hivematrix.codex.web;

import java.math.BigDecimal;
import java.sql.Date;
import java.sql.ResultSet;
import java.sql.ResultSetMetaData;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.temporal.ChronoUnit;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.springframework.jdbc.core.RowMapper;

import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * Rows as JSON-ready maps: the column labels are the field names (aliases are written in SQL),
 * times become ISO-8601 UTC strings, dates {@code YYYY-MM-DD}, numerics doubles and jsonb parsed.
 */
public final class Rows {

    public static final JsonMapper JSON = JsonMapper.builder().build();

    public static final RowMapper<Map<String, Object>> MAP = Rows::map;

    private Rows() {
    }

    public static Map<String, Object> map(ResultSet rs, int rowNum) throws SQLException {
        ResultSetMetaData md = rs.getMetaData();
        Map<String, Object> row = new LinkedHashMap<>(md.getColumnCount() * 2);
        for (int i = 1; i <= md.getColumnCount(); i++) {
            String label = md.getColumnLabel(i);
            String type = md.getColumnTypeName(i);
            Object v;
            if ("timestamptz".equals(type) || "timestamp".equals(type)) {
                Timestamp ts = rs.getTimestamp(i);
                v = ts == null ? null : iso(ts.toInstant());
            } else if ("date".equals(type)) {
                Date d = rs.getDate(i);
                v = d == null ? null : d.toLocalDate().toString();
            } else if ("jsonb".equals(type) || "json".equals(type)) {
                String s = rs.getString(i);
                v = s == null ? null : JSON.readTree(s);
            } else {
                v = rs.getObject(i);
                if (v instanceof BigDecimal bd) {
                    v = bd.doubleValue();
                }
            }
            row.put(label, v);
        }
        return row;
    }

    public static String iso(Instant instant) {
        return instant == null ? null : instant.truncatedTo(ChronoUnit.SECONDS).toString();
    }

    public static String iso(OffsetDateTime t) {
        return t == null ? null : iso(t.toInstant());
    }

    /** A parsed jsonb list, or an empty list for NULL. */
    public static Object listOrEmpty(Object jsonb) {
        return jsonb instanceof JsonNode n && n.isArray() ? n : List.of();
    }
}
