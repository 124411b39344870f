package com.hivematrix.ledger.job;

import java.time.YearMonth;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;

import jakarta.annotation.PreDestroy;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.context.event.ApplicationReadyEvent;
import org.springframework.context.event.EventListener;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;

import com.hivematrix.ledger.archive.ArchiveService;
import com.hivematrix.ledger.billing.BillingService;
import com.hivematrix.ledger.codex.CompanyData;
import com.hivematrix.ledger.engine.PlanCatalog;
import com.hivematrix.shared.problem.ProblemException;

import tools.jackson.databind.ObjectMapper;

/**
 * Accept every company's bill of one period as a background job with progress. Idempotent: a
 * company whose period is already archived is skipped, so running it twice (or again after a
 * failure midway) archives each bill once. Reads Codex once (one bulk call) for the whole run; a
 * Codex failure fails the job before anything is archived. One job per period at a time (partial
 * unique index); starting another while one runs returns the running one.
 */
@Service
public class AcceptAllJob {

    private static final Logger log = LoggerFactory.getLogger(AcceptAllJob.class);

    private final BillingService billing;
    private final ArchiveService archive;
    private final JdbcClient jdbc;
    private final ObjectMapper json;
    private final ExecutorService executor = Executors.newSingleThreadExecutor(r -> {
        Thread t = new Thread(r, "ledger-accept-all");
        t.setDaemon(true);
        return t;
    });

    public AcceptAllJob(BillingService billing, ArchiveService archive, JdbcClient jdbc, ObjectMapper json) {
        this.billing = billing;
        this.archive = archive;
        this.jdbc = jdbc;
        this.json = json;
    }

    /** A job left "running" by a stopped Ledger never finishes; mark it so a new run (which resumes) can start. */
    @EventListener(ApplicationReadyEvent.class)
    void failInterrupted() {
        jdbc.sql("UPDATE snapshot_jobs SET status = 'failed', success = false, completed_at = now(), error = 'Interrupted by a Ledger restart' "
                + "WHERE status = 'running'").update();
    }

    @PreDestroy
    void stop() {
        executor.shutdownNow();
    }

    public record Started(String jobId, boolean alreadyRunning) {
    }

    /** Starts (or finds the running) job for {@code period}; {@code type} is "bulk" or "scheduled". */
    public Started start(YearMonth period, String type, String actor) {
        String id = UUID.randomUUID().toString();
        try {
            jdbc.sql("INSERT INTO snapshot_jobs (id, job_type, status, target_year, target_month, triggered_by) VALUES (?, ?, 'running', ?, ?, ?)")
                    .params(id, type, period.getYear(), period.getMonthValue(), actor).update();
        } catch (DuplicateKeyException e) {
            String running = jdbc.sql("SELECT id FROM snapshot_jobs WHERE target_year = ? AND target_month = ? AND status = 'running'")
                    .params(period.getYear(), period.getMonthValue()).query(String.class).optional().orElse(null);
            if (running == null) {
                throw ProblemException.conflict("Another accept-all job just finished; start it again").with("error", "Job conflict");
            }
            return new Started(running, true);
        }
        executor.submit(() -> run(id, period, actor));
        return new Started(id, false);
    }

    /** Runs a job in the caller's thread (the scheduler holds its lock for the whole run). */
    public String runNow(YearMonth period, String type, String actor) {
        String id = UUID.randomUUID().toString();
        jdbc.sql("INSERT INTO snapshot_jobs (id, job_type, status, target_year, target_month, triggered_by) VALUES (?, ?, 'running', ?, ?, ?)")
                .params(id, type, period.getYear(), period.getMonthValue(), actor).update();
        run(id, period, actor);
        return id;
    }

    void run(String id, YearMonth period, String actor) {
        List<Map<String, Object>> outcomes = new ArrayList<>();
        int done = 0;
        int failed = 0;
        int skipped = 0;
        try {
            BillingService.Batch batch = billing.batch(period);
            List<CompanyData> companies = batch.companies().stream()
                    .filter(c -> !PlanCatalog.isInactivePlan(batch.catalog().resolve(c.company(), batch.adjustmentsOf(c.company().accountNumber()).client()).planName()))
                    .toList();
            jdbc.sql("UPDATE snapshot_jobs SET total_companies = ? WHERE id = ?").params(companies.size(), id).update();
            for (CompanyData c : companies) {
                String acct = c.company().accountNumber();
                Map<String, Object> o = new LinkedHashMap<>();
                o.put("account_number", acct);
                o.put("company_name", c.company().name());
                if (archive.current(acct, period).isPresent()) {
                    o.put("outcome", "already archived");
                    o.put("invoice_number", archive.current(acct, period).get());
                    skipped++;
                } else {
                    try {
                        var bill = billing.calculate(c, batch.catalog(), batch.adjustmentsOf(acct), period);
                        ArchiveService.Accepted a = archive.accept(bill, actor, "Accepted by " + id);
                        o.put("outcome", "archived");
                        o.put("invoice_number", a.invoiceNumber());
                        done++;
                    } catch (ProblemException e) {
                        if (e.getStatusCode().value() == 409) {
                            o.put("outcome", "already archived");
                            skipped++;
                        } else {
                            o.put("outcome", "failed");
                            o.put("error", e.getBody().getDetail());
                            failed++;
                        }
                    } catch (RuntimeException e) {
                        log.warn("Accept-all {}: bill of {} failed", id, acct, e);
                        o.put("outcome", "failed");
                        o.put("error", "Bill could not be calculated");
                        failed++;
                    }
                }
                outcomes.add(o);
                jdbc.sql("UPDATE snapshot_jobs SET completed_companies = ?, failed_companies = ?, skipped_companies = ? WHERE id = ?")
                        .params(done, failed, skipped, id).update();
            }
            finish(id, failed == 0 ? "completed" : "failed", failed == 0, outcomes, failed == 0 ? null : failed + " companies could not be archived");
        } catch (RuntimeException e) {
            String why = e instanceof ProblemException p ? p.getBody().getDetail() : "Job stopped: " + e.getClass().getSimpleName();
            if (!(e instanceof ProblemException)) {
                log.warn("Accept-all {} stopped", id, e);
            }
            finish(id, "failed", false, outcomes, why);
        }
    }

    private void finish(String id, String status, boolean success, List<Map<String, Object>> outcomes, String error) {
        jdbc.sql("UPDATE snapshot_jobs SET status = ?, success = ?, completed_at = now(), output = ?::jsonb, error = ? WHERE id = ?")
                .params(status, success, json.writeValueAsString(outcomes), error, id).update();
    }
}
