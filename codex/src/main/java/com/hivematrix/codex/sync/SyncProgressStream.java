package com.hivematrix.codex.sync;

import java.io.IOException;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

import org.springframework.beans.factory.annotation.Value;
import org.springframework.context.event.ContextClosedEvent;
import org.springframework.context.event.EventListener;
import org.springframework.http.MediaType;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;
import org.springframework.web.servlet.mvc.method.annotation.SseEmitter;

import com.hivematrix.codex.web.Rows;

/**
 * Live progress of sync jobs as Server-Sent Events. The job's row is the source (it is written
 * through by whichever replica runs the job), so a viewer connected to any replica sees the same
 * progress. One ticker reads the rows of every watched job in one query, sends a {@code progress}
 * event when a row changed and a final {@code done} event when the job ended, then closes the
 * stream. Idle streams get a comment line every {@code keep-alive} so proxies keep them open.
 */
@Component
public class SyncProgressStream {

    static final long EMITTER_TIMEOUT_MS = 3L * 60 * 60 * 1000;

    private final JdbcClient jdbc;
    private final long keepAliveMs;
    private final Set<Watcher> watchers = ConcurrentHashMap.newKeySet();

    public SyncProgressStream(JdbcClient jdbc, @Value("${codex.sync.stream.keep-alive-ms:15000}") long keepAliveMs) {
        this.jdbc = jdbc;
        this.keepAliveMs = keepAliveMs;
    }

    /** The event JSON for one job row; {@code null} when no such job exists. */
    public Map<String, Object> snapshot(String jobId) {
        return jdbc.sql(SELECT + " WHERE id = ?").param(jobId).query(Rows.MAP).optional().map(SyncProgressStream::event).orElse(null);
    }

    /** Opens a stream for a job that exists; the current state is sent at once. */
    public SseEmitter watch(String jobId, Map<String, Object> current) {
        SseEmitter emitter = new SseEmitter(EMITTER_TIMEOUT_MS);
        Watcher w = new Watcher(jobId, emitter);
        emitter.onCompletion(() -> watchers.remove(w));
        emitter.onTimeout(() -> watchers.remove(w));
        emitter.onError(e -> watchers.remove(w));
        synchronized (w) {
            w.deliver(current);
            if (!w.closed) {
                watchers.add(w);
            }
        }
        return emitter;
    }

    int watcherCount() {
        return watchers.size();
    }

    @Scheduled(fixedDelayString = "${codex.sync.stream.tick-ms:500}")
    void tick() {
        if (watchers.isEmpty()) {
            return;
        }
        Set<String> ids = new java.util.HashSet<>();
        watchers.forEach(w -> ids.add(w.jobId));
        Map<String, Map<String, Object>> rows = new java.util.HashMap<>();
        for (Map<String, Object> row : jdbc.sql(SELECT + " WHERE id = ANY(?)").param(ids.toArray(String[]::new)).query(Rows.MAP).list()) {
            rows.put((String) row.get("id"), event(row));
        }
        long now = System.currentTimeMillis();
        for (Watcher w : watchers) {
            synchronized (w) {
                Map<String, Object> e = rows.get(w.jobId);
                if (e != null && !e.equals(w.last)) {
                    w.deliver(e);
                } else if (now - w.lastSentAt >= keepAliveMs) {
                    w.keepAlive();
                }
                if (w.closed) {
                    watchers.remove(w);
                }
            }
        }
    }

    /** Before the web server's graceful shutdown waits for open requests: end the streams. */
    @EventListener(ContextClosedEvent.class)
    public void endStreams() {
        watchers.forEach(w -> w.emitter.complete());
        watchers.clear();
    }

    private static final String SELECT = """
            SELECT id, script, provider, sync_type, status, phase, processed, total, success, started_at, completed_at,
                   output, error FROM sync_jobs""";

    /** One event: the job's state plus {@code percent} (when a total is known) and {@code done}. */
    static Map<String, Object> event(Map<String, Object> row) {
        Map<String, Object> e = new LinkedHashMap<>();
        e.put("job_id", row.get("id"));
        for (String k : List.of("script", "provider", "sync_type", "status", "phase", "processed", "total")) {
            e.put(k, row.get(k));
        }
        Object processed = row.get("processed");
        Object total = row.get("total");
        e.put("percent", processed instanceof Number p && total instanceof Number t && t.intValue() > 0
                ? Math.min(100, p.intValue() * 100 / t.intValue()) : null);
        e.put("done", !"running".equals(row.get("status")));
        for (String k : List.of("success", "started_at", "completed_at", "output", "error")) {
            e.put(k, row.get(k));
        }
        return e;
    }

    private final class Watcher {
        final String jobId;
        final SseEmitter emitter;
        Map<String, Object> last;
        long lastSentAt;
        boolean closed;

        Watcher(String jobId, SseEmitter emitter) {
            this.jobId = jobId;
            this.emitter = emitter;
        }

        void deliver(Map<String, Object> e) {
            boolean done = Boolean.TRUE.equals(e.get("done"));
            try {
                emitter.send(SseEmitter.event().name(done ? "done" : "progress").data(e, MediaType.APPLICATION_JSON));
                last = e;
                lastSentAt = System.currentTimeMillis();
                if (done) {
                    closed = true;
                    emitter.complete();
                }
            } catch (IOException | RuntimeException ex) {
                closed = true;
                emitter.completeWithError(ex);
            }
        }

        void keepAlive() {
            try {
                emitter.send(SseEmitter.event().comment("keep-alive"));
                lastSentAt = System.currentTimeMillis();
            } catch (IOException | RuntimeException ex) {
                closed = true;
                emitter.completeWithError(ex);
            }
        }
    }
}
