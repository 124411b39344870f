package com.hivematrix.helm.logs;

import java.time.DateTimeException;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;

import org.springframework.http.HttpStatus;

import com.hivematrix.shared.problem.ProblemException;

import tools.jackson.databind.JsonNode;

/**
 * Validates an ingest batch ({@code {service_name?, logs:[…]}}) with the original's limits. The
 * whole batch is checked before anything is stored: one bad entry rejects the batch (422, every
 * bad field named as {@code logs[i].field}), so a batch is stored whole or not at all.
 */
public final class LogBatchParser {

    public static final int MAX_ENTRIES = 10_000;
    public static final int MAX_MESSAGE = 10_000;
    public static final int MAX_TRACE_ID = 128;
    public static final int MAX_SHORT = 255;
    public static final Pattern SERVICE_NAME = Pattern.compile("^[a-z0-9_-]{1,50}$");
    private static final int MAX_REPORTED_ERRORS = 50;

    private LogBatchParser() {
    }

    /** The body's {@code service_name}, validated (400 naming the field), or null if absent. */
    public static String serviceName(JsonNode body) {
        requireObject(body);
        JsonNode name = body.get("service_name");
        if (name == null || name.isNull()) {
            return null;
        }
        if (!name.isString() || !SERVICE_NAME.matcher(name.stringValue()).matches()) {
            throw field(HttpStatus.BAD_REQUEST, "service_name", "must match " + SERVICE_NAME.pattern());
        }
        return name.stringValue();
    }

    public static List<NewLogEntry> entries(JsonNode body, Instant now) {
        requireObject(body);
        JsonNode logs = body.get("logs");
        if (logs == null || logs.isNull()) {
            throw field(HttpStatus.BAD_REQUEST, "logs", "is required");
        }
        if (!logs.isArray()) {
            throw field(HttpStatus.BAD_REQUEST, "logs", "must be an array of log entries");
        }
        if (logs.size() > MAX_ENTRIES) {
            throw field(HttpStatus.CONTENT_TOO_LARGE, "logs", "holds " + logs.size() + " entries; at most " + MAX_ENTRIES + " per batch");
        }
        List<NewLogEntry> entries = new ArrayList<>(logs.size());
        List<Map<String, String>> errors = new ArrayList<>();
        for (int i = 0; i < logs.size(); i++) {
            NewLogEntry entry = entry(logs.get(i), "logs[" + i + "]", now, errors);
            if (entry != null) {
                entries.add(entry);
            }
            if (errors.size() >= MAX_REPORTED_ERRORS) {
                break;
            }
        }
        if (!errors.isEmpty()) {
            String first = errors.get(0).get("field") + " " + errors.get(0).get("message");
            throw ProblemException.unprocessable("Batch rejected, nothing stored: " + first
                    + (errors.size() > 1 ? " (and " + (errors.size() - 1) + " more)" : ""), errors);
        }
        return entries;
    }

    private static NewLogEntry entry(JsonNode n, String at, Instant now, List<Map<String, String>> errors) {
        if (n == null || !n.isObject()) {
            errors.add(error(at, "must be an object"));
            return null;
        }
        int before = errors.size();
        String level = "INFO";
        JsonNode lv = n.get("level");
        if (lv != null && !lv.isNull()) {
            String normalised = lv.isString() ? LogLevel.normalise(lv.stringValue()).orElse(null) : null;
            if (normalised == null) {
                errors.add(error(at + ".level", "must be one of " + String.join(", ", LogLevel.LEVELS)));
            } else {
                level = normalised;
            }
        }
        String message = null;
        JsonNode msg = n.get("message");
        if (msg == null || msg.isNull()) {
            errors.add(error(at + ".message", "is required"));
        } else if (msg.isContainer()) {
            errors.add(error(at + ".message", "must be a string"));
        } else {
            message = msg.asString();
            if (message.length() > MAX_MESSAGE) {
                errors.add(error(at + ".message", "must be at most " + MAX_MESSAGE + " characters (has " + message.length() + ")"));
            }
        }
        String context = null;
        String username = null;
        JsonNode ctx = n.get("context");
        if (ctx != null && !ctx.isNull()) {
            context = ctx.toString();
            JsonNode u = ctx.get("username");
            if (u != null && u.isString()) {
                username = limited(u.stringValue(), MAX_SHORT);
            }
        }
        String traceId = text(n, "trace_id", at, MAX_TRACE_ID, errors);
        if (traceId == null) {
            traceId = text(n, "correlation_id", at, MAX_TRACE_ID, errors);
        }
        String userId = text(n, "user_id", at, MAX_SHORT, errors);
        String hostname = text(n, "hostname", at, MAX_SHORT, errors);
        Integer pid = null;
        JsonNode p = n.get("process_id");
        if (p != null && !p.isNull()) {
            if (p.isIntegralNumber() && p.canConvertToInt()) {
                pid = p.intValue();
            } else {
                errors.add(error(at + ".process_id", "must be an integer"));
            }
        }
        Instant ts = now;
        JsonNode t = n.get("timestamp");
        if (t != null && !t.isNull()) {
            ts = timestamp(t);
            if (ts == null) {
                errors.add(error(at + ".timestamp", "must be an ISO-8601 date-time (UTC when it has no offset) or epoch seconds"));
            }
        }
        if (errors.size() > before) {
            return null;
        }
        return new NewLogEntry(ts, level, stripNul(message), context == null ? null : stripNulEscapes(context),
                stripNul(traceId), stripNul(userId), stripNul(username), stripNul(hostname), pid);
    }

    /** ISO-8601 with offset or Z; without one it is UTC (the shipper's format); or epoch seconds. */
    public static Instant timestamp(JsonNode t) {
        if (t.isNumber()) {
            double seconds = t.doubleValue();
            if (!Double.isFinite(seconds)) {
                return null;
            }
            long whole = (long) Math.floor(seconds);
            return Instant.ofEpochSecond(whole, (long) ((seconds - whole) * 1e9));
        }
        return t.isString() ? parseInstant(t.stringValue()) : null;
    }

    public static Instant parseInstant(String s) {
        if (s == null || s.isBlank()) {
            return null;
        }
        String v = s.trim();
        try {
            return OffsetDateTime.parse(v).toInstant();
        } catch (DateTimeException e) {
            // fall through
        }
        try {
            return LocalDateTime.parse(v.replace(' ', 'T')).toInstant(ZoneOffset.UTC);
        } catch (DateTimeException e) {
            // fall through
        }
        try {
            return java.time.LocalDate.parse(v).atStartOfDay(ZoneOffset.UTC).toInstant();
        } catch (DateTimeException e) {
            return null;
        }
    }

    private static String text(JsonNode n, String name, String at, int max, List<Map<String, String>> errors) {
        JsonNode v = n.get(name);
        if (v == null || v.isNull()) {
            return null;
        }
        if (v.isContainer()) {
            errors.add(error(at + "." + name, "must be a string"));
            return null;
        }
        String s = v.asString();
        if (s.length() > max) {
            errors.add(error(at + "." + name, "must be at most " + max + " characters"));
            return null;
        }
        return s.isEmpty() ? null : s;
    }

    private static String limited(String s, int max) {
        return s.length() > max ? s.substring(0, max) : s;
    }

    /** PostgreSQL text cannot hold NUL. */
    private static String stripNul(String s) {
        return s == null || s.indexOf('\0') < 0 ? s : s.replace('\0', '\uFFFD');
    }

    /** …nor can jsonb hold the escape \u0000. */
    private static String stripNulEscapes(String json) {
        return json.contains("\\u0000") ? json.replace("\\u0000", "\\ufffd") : json;
    }

    private static void requireObject(JsonNode body) {
        if (body == null || !body.isObject()) {
            throw field(HttpStatus.BAD_REQUEST, "body", "must be a JSON object {service_name, logs:[…]}");
        }
    }

    static ProblemException field(HttpStatus status, String field, String message) {
        return new ProblemException(status, field + " " + message)
                .with("error", field + " " + message)
                .with("errors", List.of(error(field, message)));
    }

    private static Map<String, String> error(String field, String message) {
        Map<String, String> e = new LinkedHashMap<>();
        e.put("field", field);
        e.put("message", message);
        return e;
    }
}
