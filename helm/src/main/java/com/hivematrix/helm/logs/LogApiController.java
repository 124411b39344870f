package com.hivematrix.helm.logs;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.security.core.Authentication;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

import com.hivematrix.helm.HelmProperties;
import com.hivematrix.shared.problem.ProblemException;

import tools.jackson.databind.JsonNode;

/**
 * The original's log API. Ingest: any service's token minted for helm, or an admin. Reads: admins
 * and Helm's own service token (the operator CLI); other services and non-admin users get 403.
 */
@RestController
public class LogApiController {

    private static final Pattern RELATIVE = Pattern.compile("^(\\d+)\\s*([smhdw])$");

    private final LogService service;
    private final LogStore store;
    private final HelmProperties props;

    public LogApiController(LogService service, LogStore store, HelmProperties props) {
        this.service = service;
        this.store = store;
        this.props = props;
    }

    @PostMapping(path = "/api/logs/ingest", consumes = MediaType.APPLICATION_JSON_VALUE)
    @PreAuthorize("hasAnyRole('ADMIN', 'SERVICE')")
    public Map<String, Object> ingest(@RequestBody JsonNode body, Authentication auth) {
        LogService.IngestResult r = service.ingest(body, auth);
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("success", true);
        out.put("ingested", r.ingested());
        out.put("message", "Ingested " + r.ingested() + " log entries for " + r.service());
        return out;
    }

    @GetMapping("/api/logs")
    @PreAuthorize("@helmAccess.adminOrSelf(authentication)")
    public Map<String, Object> list(
            @RequestParam(required = false) String service,
            @RequestParam(required = false) String level,
            @RequestParam(name = "trace_id", required = false) String traceId,
            @RequestParam(name = "correlation_id", required = false) String correlationId,
            @RequestParam(name = "user_id", required = false) String userId,
            @RequestParam(required = false) String user,
            @RequestParam(required = false) String q,
            @RequestParam(required = false) String search,
            @RequestParam(name = "start_time", required = false) String startTime,
            @RequestParam(required = false) String since,
            @RequestParam(name = "end_time", required = false) String endTime,
            @RequestParam(name = "after_id", required = false) String afterId,
            @RequestParam(name = "before_id", required = false) String beforeId,
            @RequestParam(required = false) String limit,
            @RequestParam(required = false) String offset) {
        int lim = Math.min(intParam("limit", limit, LogQuery.DEFAULT_LIMIT, 1), LogQuery.MAX_LIMIT);
        int off = intParam("offset", offset, 0, 0);
        LogQuery query = new LogQuery(blankToNull(service), levels(level), first(traceId, correlationId),
                first(user, userId), first(q, search),
                time(startTime != null ? "start_time" : "since", first(startTime, since)), time("end_time", endTime),
                longParam("after_id", afterId), longParam("before_id", beforeId), lim, off);
        List<LogEntryView> logs = store.query(query);
        int cap = props.getLogs().getTotalCap();
        long total = store.count(query, cap);
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("total", Math.min(total, cap));
        out.put("total_capped", total > cap);
        out.put("limit", lim);
        out.put("offset", off);
        out.put("logs", logs);
        return out;
    }

    @GetMapping("/api/logs/{id}")
    @PreAuthorize("@helmAccess.adminOrSelf(authentication)")
    public LogEntryView one(@PathVariable long id) {
        return store.find(id).orElseThrow(() -> ProblemException.notFound("Log entry " + id + " not found")
                .with("error", "Log entry not found"));
    }

    // ---------------------------------------------------------------- parameters

    static List<String> levels(String raw) {
        if (raw == null || raw.isBlank()) {
            return List.of();
        }
        List<String> out = new ArrayList<>();
        for (String part : raw.split(",")) {
            if (part.isBlank()) {
                continue;
            }
            out.add(LogLevel.normalise(part).orElseThrow(() -> param("level",
                    "must be one of " + String.join(", ", LogLevel.LEVELS) + " (comma-separated)")));
        }
        return out;
    }

    /** ISO-8601 (UTC when no offset), or a relative age like 10m, 2h, 7d meaning "that long ago". */
    static Instant time(String name, String raw) {
        if (raw == null || raw.isBlank()) {
            return null;
        }
        Matcher m = RELATIVE.matcher(raw.trim());
        if (m.matches()) {
            long n = Long.parseLong(m.group(1));
            Duration d = switch (m.group(2)) {
                case "s" -> Duration.ofSeconds(n);
                case "m" -> Duration.ofMinutes(n);
                case "h" -> Duration.ofHours(n);
                case "d" -> Duration.ofDays(n);
                default -> Duration.ofDays(7 * n);
            };
            return Instant.now().minus(d);
        }
        Instant t = LogBatchParser.parseInstant(raw);
        if (t == null) {
            throw param(name, "must be an ISO-8601 date-time (e.g. 2025-01-31T12:00:00Z) or an age like 10m, 2h, 7d");
        }
        return t;
    }

    private static int intParam(String name, String raw, int dflt, int min) {
        if (raw == null || raw.isBlank()) {
            return dflt;
        }
        try {
            int v = Integer.parseInt(raw.trim());
            if (v < min) {
                throw param(name, "must be at least " + min);
            }
            return v;
        } catch (NumberFormatException e) {
            throw param(name, "must be an integer");
        }
    }

    private static Long longParam(String name, String raw) {
        if (raw == null || raw.isBlank()) {
            return null;
        }
        try {
            return Long.parseLong(raw.trim());
        } catch (NumberFormatException e) {
            throw param(name, "must be an integer");
        }
    }

    private static String first(String... values) {
        return Arrays.stream(values).filter(v -> v != null && !v.isBlank()).findFirst().orElse(null);
    }

    private static String blankToNull(String s) {
        return s == null || s.isBlank() ? null : s;
    }

    static ProblemException param(String name, String message) {
        return LogBatchParser.field(HttpStatus.BAD_REQUEST, name, message);
    }
}
