package com.hivematrix.ledger.job;

import java.time.Clock;
import java.time.YearMonth;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.util.Map;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;

import net.javacrumbs.shedlock.spring.annotation.SchedulerLock;

/**
 * The scheduled month-end snapshot. {@code ledger.snapshot.cron} says how often Ledger checks
 * (default: five past every hour, UTC); the stored config (day of month, hour, previous month,
 * enabled — editable on the page and through {@code /archive/api/scheduler/config}) says when a
 * run is due. A due run archives every company's bill once (the accept-all job, which skips what
 * is archived), records its job and per-company outcome, and does not run again for that period.
 * ShedLock keeps it to one Ledger instance at a time.
 */
@Component
public class MonthEndSnapshot {

    private static final Logger log = LoggerFactory.getLogger(MonthEndSnapshot.class);

    private final JdbcClient jdbc;
    private final AcceptAllJob job;
    private final Clock clock;

    public MonthEndSnapshot(JdbcClient jdbc, AcceptAllJob job, Clock clock) {
        this.jdbc = jdbc;
        this.job = job;
        this.clock = clock;
    }

    @Scheduled(cron = "${ledger.snapshot.cron:0 5 * * * *}", zone = "UTC")
    @SchedulerLock(name = "ledger-month-end-snapshot", lockAtMostFor = "PT2H", lockAtLeastFor = "PT1M")
    public void tick() {
        runIfDue(ZonedDateTime.now(clock.withZone(ZoneOffset.UTC)));
    }

    /** Runs the snapshot when {@code now} is the configured day and hour and it has not run for the target period; returns the job id or null. */
    public String runIfDue(ZonedDateTime now) {
        Map<String, Object> cfg = jdbc.sql("SELECT * FROM scheduled_snapshots WHERE id = 1").query().singleRow();
        if (!Boolean.TRUE.equals(cfg.get("enabled")) || now.getDayOfMonth() != ((Number) cfg.get("day_of_month")).intValue()
                || now.getHour() != ((Number) cfg.get("hour")).intValue()) {
            return null;
        }
        YearMonth current = YearMonth.from(now);
        YearMonth target = Boolean.TRUE.equals(cfg.get("snapshot_previous_month")) ? current.minusMonths(1) : current;
        boolean ran = jdbc.sql("SELECT count(*) FROM snapshot_jobs WHERE job_type = 'scheduled' AND target_year = ? AND target_month = ? "
                + "AND status = 'completed'").params(target.getYear(), target.getMonthValue()).query(Long.class).single() > 0;
        if (ran) {
            return null;
        }
        String id;
        try {
            id = job.runNow(target, "scheduled", "scheduler");
        } catch (RuntimeException e) {
            log.warn("Scheduled snapshot of {} could not start", target, e);
            jdbc.sql("UPDATE scheduled_snapshots SET last_run_at = now(), last_run_status = 'failed', last_run_log = ? WHERE id = 1")
                    .param("Could not start: " + e.getClass().getSimpleName()).update();
            return null;
        }
        Map<String, Object> j = jdbc.sql("SELECT status, completed_companies, error FROM snapshot_jobs WHERE id = ?").param(id).query().singleRow();
        jdbc.sql("UPDATE scheduled_snapshots SET last_run_at = now(), last_run_status = ?, last_run_count = ?, last_run_log = ? WHERE id = 1")
                .params(j.get("status"), j.get("completed_companies"), j.get("error") == null ? "Job " + id : j.get("error")).update();
        return id;
    }
}
