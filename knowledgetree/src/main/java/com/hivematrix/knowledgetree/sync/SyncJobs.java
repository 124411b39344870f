package com.hivematrix.knowledgetree.sync;

import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.DisposableBean;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;

import com.hivematrix.shared.problem.ProblemException;

/**
 * Syncs run in the background, one at a time, so the admin's request returns at once (the
 * original ran them inside the request, behind Nexus's 30 s proxy timeout) and the page polls the
 * job's progress. The schedule ({@code knowledgetree.sync.cron}, off unless set) runs the company
 * sync and then the ticket sync.
 */
@Component
public class SyncJobs implements DisposableBean {

    private static final Logger log = LoggerFactory.getLogger(SyncJobs.class);

    public enum Kind { CODEX, TICKETS }

    /** One run; fields written by the worker thread, read by status requests. */
    public static final class Job {
        final String id = UUID.randomUUID().toString();
        final Kind kind;
        final String startedBy;
        final Instant startedAt = Instant.now();
        final AtomicInteger total = new AtomicInteger(-1);
        final AtomicInteger done = new AtomicInteger();
        volatile String state = "running";
        volatile Instant finishedAt;
        volatile CodexSync.Outcome outcome;
        volatile String error;
        final java.util.concurrent.CompletableFuture<Void> finished = new java.util.concurrent.CompletableFuture<>();

        Job(Kind kind, String startedBy) {
            this.kind = kind;
            this.startedBy = startedBy;
        }

        public boolean running() {
            return "running".equals(state);
        }

        public Map<String, Object> toJson() {
            Map<String, Object> m = new LinkedHashMap<>();
            m.put("id", id);
            m.put("kind", kind.name().toLowerCase(java.util.Locale.ROOT));
            m.put("state", state);
            m.put("started_by", startedBy);
            m.put("started_at", startedAt.toString());
            m.put("finished_at", finishedAt == null ? null : finishedAt.toString());
            m.put("companies_total", total.get() < 0 ? null : total.get());
            m.put("companies_done", done.get());
            if (outcome != null) {
                m.put("changed", outcome.changed());
                m.put("unchanged", outcome.unchanged());
                m.put("pruned", outcome.pruned());
                m.put("removed_from_codex", outcome.removedFromCodex());
                m.put("conflicts", outcome.conflicts());
            }
            m.put("error", error);
            return m;
        }
    }

    private final CodexSync sync;
    private final ExecutorService worker = Executors.newSingleThreadExecutor(r -> {
        Thread t = new Thread(r, "knowledgetree-sync");
        t.setDaemon(true);
        return t;
    });
    private final AtomicReference<Job> current = new AtomicReference<>();

    public SyncJobs(CodexSync sync) {
        this.sync = sync;
    }

    /** Starts a run; 409 while another one is running. */
    public Job start(Kind kind, String actor) {
        Job job = new Job(kind, actor);
        Job previous = current.get();
        if (previous != null && previous.running() || !current.compareAndSet(previous, job)) {
            throw ProblemException.conflict("A sync is already running").with("job", current.get().toJson());
        }
        worker.submit(() -> run(job));
        return job;
    }

    public Job current() {
        return current.get();
    }

    private void run(Job job) {
        try {
            job.outcome = job.kind == Kind.CODEX ? sync.companies(job.total::set, job.done::set) : sync.tickets(job.total::set, job.done::set);
            job.state = "done";
            log.info("{} sync done: {}", job.kind, job.outcome);
        } catch (RuntimeException e) {
            job.error = e instanceof ProblemException p && p.getBody().getDetail() != null ? p.getBody().getDetail() : e.getMessage();
            job.state = "failed";
            log.warn("{} sync failed: {}", job.kind, e.toString());
        } finally {
            job.finishedAt = Instant.now();
            job.finished.complete(null);
        }
    }

    @Scheduled(cron = "${knowledgetree.sync.cron:-}")
    void scheduled() {
        for (Kind kind : List.of(Kind.CODEX, Kind.TICKETS)) {
            Job job;
            try {
                job = start(kind, "schedule");
            } catch (ProblemException busy) {
                log.info("Scheduled {} sync skipped: a sync is running", kind);
                return;
            }
            job.finished.join();
        }
    }

    @Override
    public void destroy() {
        worker.shutdownNow();
    }
}
