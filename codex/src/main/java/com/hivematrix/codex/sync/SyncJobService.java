package com.hivematrix.codex.sync;

import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

import jakarta.annotation.PreDestroy;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.context.event.ApplicationReadyEvent;
import org.springframework.context.event.EventListener;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * In-process sync jobs, each recorded as a {@code sync_jobs} row (spec §4.7) with live progress
 * (phase, processed/total, output tail). One run at a time per job kind, across replicas: the
 * start takes a PostgreSQL advisory lock for the kind and refuses while a live job of that kind
 * exists. A running job's process writes a heartbeat every 20 s; jobs whose heartbeat stopped for
 * two minutes (the process died) are closed as interrupted, at start-up and every minute.
 */
@Service
public class SyncJobService {

    private static final Logger log = LoggerFactory.getLogger(SyncJobService.class);
    static final int TAIL = 4000;

    static final String STALE_AFTER = "2 minutes";

    private final JdbcClient jdbc;
    private final TransactionTemplate tx;
    private final String owner = UUID.randomUUID().toString();
    private final Map<String, String> running = new ConcurrentHashMap<>();
    private final ExecutorService executor;
    private final ScheduledExecutorService heartbeat;

    public SyncJobService(JdbcClient jdbc, TransactionTemplate tx) {
        this.jdbc = jdbc;
        this.tx = tx;
        this.heartbeat = Executors.newSingleThreadScheduledExecutor(r -> {
            Thread t = new Thread(r, "codex-sync-heartbeat");
            t.setDaemon(true);
            return t;
        });
        AtomicInteger n = new AtomicInteger();
        this.executor = Executors.newFixedThreadPool(2, r -> {
            Thread t = new Thread(r, "codex-sync-" + n.incrementAndGet());
            t.setDaemon(true);
            return t;
        });
    }

    /** The work of one job. Throwing fails the job; {@link Progress#error} records non-fatal problems. */
    @FunctionalInterface
    public interface Work {
        void run(Progress progress) throws Exception;
    }

    /** A start that found the same kind already running. */
    public static class AlreadyRunning extends RuntimeException {
        private final String jobId;

        public AlreadyRunning(String jobId) {
            super("A sync of this kind is already running (job " + jobId + ")");
            this.jobId = jobId;
        }

        public String jobId() {
            return jobId;
        }
    }

    /** Closes rows left "running" by a process that died mid-job (spec §13 bug 23), and starts the heartbeat. */
    @EventListener(ApplicationReadyEvent.class)
    public void onReady() {
        closeStaleJobs();
        heartbeat.scheduleWithFixedDelay(this::beat, 20, 20, TimeUnit.SECONDS);
    }

    private void beat() {
        try {
            if (!running.isEmpty()) {
                jdbc.sql("UPDATE sync_jobs SET heartbeat_at = now() WHERE id = ANY(?)").param(running.values().toArray(String[]::new)).update();
            }
            closeStaleJobs();
        } catch (RuntimeException e) {
            log.warn("Sync job heartbeat failed: {}", e.toString());
        }
    }

    public int closeStaleJobs() {
        int n = jdbc.sql("""
                UPDATE sync_jobs SET status = 'failed', success = false, completed_at = now(), phase = 'failed',
                       error = coalesce(error || E'\\n', '') || 'Interrupted: the process running this job stopped'
                WHERE status = 'running' AND coalesce(heartbeat_at, started_at) < now() - interval '""" + STALE_AFTER + "'").update();
        if (n > 0) {
            log.warn("Closed {} sync job(s) whose process stopped", n);
        }
        return n;
    }

    public String start(String kind, String script, String provider, String syncType, Work work) {
        return start(kind, script, provider, syncType, null, work);
    }

    /**
     * Starts unless a job of the kind is live, or (when {@code notStartedSince} is given) one was
     * started at or after that instant; the check and the insert happen under the kind's advisory
     * lock, so replicas ticking at the same moment start it once. Returns null when skipped for
     * {@code notStartedSince}.
     */
    public String start(String kind, String script, String provider, String syncType, java.time.Instant notStartedSince, Work work) {
        String id = UUID.randomUUID().toString();
        String existing = running.putIfAbsent(kind, id);
        if (existing != null) {
            throw new AlreadyRunning(existing);
        }
        try {
            String other = tx.execute(s -> {
                jdbc.sql("SELECT pg_advisory_xact_lock(hashtext(?))").param("codex-sync:" + kind).query((rs, i) -> 1).list();
                String live = jdbc.sql("""
                        SELECT id FROM sync_jobs WHERE kind = ? AND status = 'running'
                          AND coalesce(heartbeat_at, started_at) >= now() - interval '""" + STALE_AFTER + "' LIMIT 1")
                        .param(kind).query(String.class).optional().orElse(null);
                if (live != null) {
                    return live;
                }
                if (notStartedSince != null && jdbc.sql("SELECT count(*) FROM sync_jobs WHERE kind = ? AND started_at >= ?")
                        .params(kind, java.sql.Timestamp.from(notStartedSince)).query(Long.class).single() > 0) {
                    return "";
                }
                jdbc.sql("""
                        INSERT INTO sync_jobs (id, script, provider, sync_type, status, started_at, phase, processed, kind, owner, heartbeat_at)
                        VALUES (?, ?, ?, ?, 'running', now(), 'starting', 0, ?, ?, now())""")
                        .params(id, script, provider, syncType, kind, owner).update();
                return null;
            });
            if (other != null) {
                running.remove(kind, id);
                if (other.isEmpty()) {
                    return null;
                }
                throw new AlreadyRunning(other);
            }
            executor.execute(() -> run(kind, id, work));
        } catch (RuntimeException e) {
            running.remove(kind, id);
            throw e;
        }
        return id;
    }

    private void run(String kind, String id, Work work) {
        Progress p = new Progress(id);
        try {
            work.run(p);
            p.line("Finished" + (p.errors > 0 ? " with " + p.errors + " error(s)" : ""));
            finish(id, "completed", p.errors == 0, p);
        } catch (Throwable e) {
            log.warn("Sync job {} failed: {}", id, e.toString());
            p.error(e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage());
            p.line("Failed: " + e.getMessage());
            finish(id, "failed", false, p);
        } finally {
            running.remove(kind, id);
        }
    }

    private void finish(String id, String status, boolean success, Progress p) {
        jdbc.sql("""
                UPDATE sync_jobs SET status = ?, success = ?, completed_at = now(), output = ?, error = ?, phase = ?,
                       processed = ?, total = ? WHERE id = ?""")
                .params(status, success, p.output(), p.errorText(), "completed".equals(status) ? "done" : "failed", p.processed, p.total, id)
                .update();
    }

    @PreDestroy
    void stop() {
        heartbeat.shutdownNow();
        executor.shutdownNow();
    }

    /** Progress of one job: phase and counts are written through (throttled) so pollers see them live. */
    public class Progress {
        private final String id;
        private final StringBuilder output = new StringBuilder();
        private final StringBuilder errorsText = new StringBuilder();
        private String phase = "starting";
        private int processed;
        private Integer total;
        private int errors;
        private long lastFlush;

        Progress(String id) {
            this.id = id;
        }

        public String jobId() {
            return id;
        }

        public void phase(String phase, Integer total) {
            this.phase = phase;
            this.total = total;
            this.processed = 0;
            line(phase + (total != null ? " (" + total + ")" : ""));
            flush(true);
        }

        public void advance(int n) {
            processed += n;
            flush(false);
        }

        public void line(String text) {
            output.append(OffsetDateTime.now(ZoneOffset.UTC).format(DateTimeFormatter.ISO_LOCAL_TIME).substring(0, 8))
                    .append(' ').append(text).append('\n');
            if (output.length() > TAIL * 2) {
                output.delete(0, output.length() - TAIL);
            }
        }

        /** A non-fatal problem (one record could not be saved): the job goes on and ends "completed with errors". */
        public void error(String text) {
            errors++;
            errorsText.append(text).append('\n');
            if (errorsText.length() > TAIL * 2) {
                errorsText.delete(0, errorsText.length() - TAIL);
            }
        }

        public int errors() {
            return errors;
        }

        private void flush(boolean force) {
            long now = System.currentTimeMillis();
            if (!force && now - lastFlush < 500) {
                return;
            }
            lastFlush = now;
            jdbc.sql("UPDATE sync_jobs SET phase = ?, processed = ?, total = ?, output = ?, heartbeat_at = now() WHERE id = ?")
                    .params(phase, processed, total, output(), id).update();
        }

        String output() {
            return tail(output);
        }

        String errorText() {
            return errorsText.isEmpty() ? null : tail(errorsText);
        }

        private String tail(StringBuilder sb) {
            return sb.length() <= TAIL ? sb.toString() : sb.substring(sb.length() - TAIL);
        }
    }

}
