package com.hivematrix.ledger.job;

import java.time.Clock;
import java.time.YearMonth;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.security.core.Authentication;
import org.springframework.transaction.annotation.Transactional;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

import com.hivematrix.ledger.web.Access;
import com.hivematrix.ledger.web.Periods;
import com.hivematrix.shared.problem.ProblemException;

import tools.jackson.databind.JsonNode;
import tools.jackson.databind.ObjectMapper;

/** Accept-all jobs and the month-end scheduler's config and job records (§A3 archive scheduler routes). */
@RestController
@PreAuthorize(Access.BILLING)
public class JobController {

    static final String JOB_COLUMNS = "id, job_type, status, target_year, target_month, total_companies, completed_companies, "
            + "failed_companies, skipped_companies, started_at, completed_at, success, error, triggered_by";

    private final AcceptAllJob job;
    private final JdbcClient jdbc;
    private final ObjectMapper json;
    private final Clock clock;

    public JobController(AcceptAllJob job, JdbcClient jdbc, ObjectMapper json, Clock clock) {
        this.job = job;
        this.jdbc = jdbc;
        this.json = json;
        this.clock = clock;
    }

    /** The previous month unless {@code year}/{@code month} say otherwise. */
    public static YearMonth target(String year, String month, Clock clock) {
        if ((year == null || year.isBlank()) && (month == null || month.isBlank())) {
            return YearMonth.now(clock.withZone(ZoneOffset.UTC)).minusMonths(1);
        }
        return Periods.of(year, month, clock);
    }

    @PostMapping("/api/bill/accept-all")
    public ResponseEntity<Map<String, Object>> acceptAll(@RequestBody(required = false) JsonNode body, Authentication auth) {
        String y = body != null && body.hasNonNull("year") ? body.get("year").asString() : null;
        String m = body != null && body.hasNonNull("month") ? body.get("month").asString() : null;
        YearMonth p = target(y, m, clock);
        AcceptAllJob.Started s = job.start(p, "bulk", Access.actor(auth));
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("job_id", s.jobId());
        out.put("already_running", s.alreadyRunning());
        out.put("billing_period", p.toString());
        out.put("status_url", "/archive/api/scheduler/jobs/" + s.jobId());
        return ResponseEntity.status(HttpStatus.ACCEPTED).body(out);
    }

    @GetMapping("/archive/api/scheduler/jobs")
    public Map<String, Object> jobs(@RequestParam(defaultValue = "50") int limit, @RequestParam(defaultValue = "0") int offset) {
        if (limit < 1 || limit > 100 || offset < 0) {
            throw ProblemException.badRequest("limit must be 1–100 and offset ≥ 0");
        }
        List<Map<String, Object>> rows = jdbc.sql("SELECT " + JOB_COLUMNS + ", completed_companies AS success_count, "
                + "failed_companies AS failed_count FROM snapshot_jobs ORDER BY started_at DESC LIMIT ? OFFSET ?").params(limit, offset)
                .query().listOfRows();
        return Map.of("jobs", rows);
    }

    @GetMapping("/archive/api/scheduler/jobs/{id}")
    public Map<String, Object> job(@PathVariable String id) {
        return detail(id);
    }

    public Map<String, Object> detail(String id) {
        Map<String, Object> row = jdbc.sql("SELECT " + JOB_COLUMNS + ", output::text AS output FROM snapshot_jobs WHERE id = ?").param(id)
                .query().listOfRows().stream().findFirst()
                .orElseThrow(() -> ProblemException.notFound("Job " + id + " not found").with("error", "Job not found"));
        Map<String, Object> out = new LinkedHashMap<>(row);
        Object o = out.remove("output");
        out.put("output", o == null ? List.of() : json.readValue((String) o, List.class));
        int total = ((Number) row.get("total_companies")).intValue();
        int processed = ((Number) row.get("completed_companies")).intValue() + ((Number) row.get("failed_companies")).intValue()
                + ((Number) row.get("skipped_companies")).intValue();
        out.put("processed", processed);
        out.put("percent", total == 0 ? ("running".equals(row.get("status")) ? 0 : 100) : processed * 100 / total);
        return out;
    }

    @GetMapping("/archive/api/scheduler/config")
    public Map<String, Object> config() {
        return Map.of("config", jdbc.sql("SELECT enabled, day_of_month, hour, snapshot_previous_month, snapshot_all_companies, last_run_at, "
                + "last_run_status, last_run_count, last_run_log FROM scheduled_snapshots WHERE id = 1").query().singleRow());
    }

    @PostMapping("/archive/api/scheduler/config")
    @PreAuthorize(Access.ADMIN)
    @Transactional
    public Map<String, Object> saveConfig(@RequestBody JsonNode body, Authentication auth) {
        if (body == null || !body.isObject()) {
            throw ProblemException.badRequest("A JSON object is required").with("error", "Request body must be a JSON object");
        }
        Map<String, Object> v = new LinkedHashMap<>();
        List<Map<String, String>> errors = new ArrayList<>();
        for (String f : List.of("enabled", "snapshot_previous_month", "snapshot_all_companies")) {
            if (body.has(f)) {
                if (body.get(f).isBoolean()) {
                    v.put(f, body.get(f).asBoolean());
                } else {
                    errors.add(Map.of("field", f, "message", "must be true or false"));
                }
            }
        }
        integer(body, "day_of_month", 1, 28, v, errors);
        integer(body, "hour", 0, 23, v, errors);
        if (!errors.isEmpty()) {
            throw ProblemException.unprocessable("Invalid " + errors.get(0).get("field") + ": " + errors.get(0).get("message"), errors)
                    .with("error", "Invalid input");
        }
        if (v.isEmpty()) {
            throw ProblemException.badRequest("No scheduler fields given").with("error", "No valid fields provided");
        }
        // column names come from the fixed lists above, never from the request
        String set = String.join(", ", v.keySet().stream().map(k -> k + " = :" + k).toList());
        jdbc.sql("UPDATE scheduled_snapshots SET " + set + ", updated_at = now() WHERE id = 1").params(v).update();
        jdbc.sql("INSERT INTO audit_log (actor, entity, entity_id, action, detail) VALUES (?, 'scheduler_config', '1', 'update', ?::jsonb)")
                .params(Access.actor(auth), json.writeValueAsString(v)).update();
        return Map.of("message", "Scheduler configuration updated");
    }

    private static void integer(JsonNode body, String f, int min, int max, Map<String, Object> v, List<Map<String, String>> errors) {
        if (!body.has(f)) {
            return;
        }
        JsonNode n = body.get(f);
        if (n.isIntegralNumber() && n.asInt() >= min && n.asInt() <= max) {
            v.put(f, n.asInt());
        } else {
            errors.add(Map.of("field", f, "message", "must be a whole number from " + min + " to " + max));
        }
    }
}
