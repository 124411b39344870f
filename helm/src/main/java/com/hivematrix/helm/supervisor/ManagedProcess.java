package com.hivematrix.helm.supervisor;

import java.io.File;
import java.io.IOException;
import java.lang.ProcessBuilder.Redirect;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;

/**
 * The state machine of one supervised process. All state changes happen under this object's
 * monitor; launching is quick, while health probes and stopping a tree (which block) run outside
 * it. Every launch or adoption gets a new generation, so late callbacks of an earlier incarnation
 * (its exit, a probe answer) are ignored.
 */
final class ManagedProcess {

    /** Helm's own settings that must not leak into a child (each child gets its own). */
    private static final String[] NOT_INHERITED = {"SERVER_PORT", "HIVEMATRIX_SERVICE_NAME", "SERVER_ADDRESS"};
    private static final int TAIL_LINES = 20;
    /** Writing a class-data archive took 9–25 s on a loaded 2-core machine (docs/PERFORMANCE.md). */
    private static final Duration ARCHIVE_WRITE_GRACE = Duration.ofSeconds(60);
    /** How long a process probed only for being alive must run before it counts as started. */
    static final Duration MIN_ALIVE = Duration.ofSeconds(1);

    private final ProcessSpec spec;
    private final Supervisor sup;

    private ProcessState state;
    private boolean wanted;
    private ProcessHandle handle;
    private boolean adopted;
    private long generation;
    private Instant startedAt;
    private Instant startDeadline;
    private int restarts;
    private int consecutiveCrashes;
    private final Deque<Instant> crashes = new ArrayDeque<>();
    private int failedProbes;
    private boolean probing;
    private Instant lastProbe;
    private HealthProbe.Result lastHealth;
    private Integer lastExitCode;
    private String lastError;
    /** Set when Helm itself kills the process to restart it (failed health), read when it exits. */
    private String killReason;
    private ScheduledFuture<?> pendingRestart;
    /** The class-data archive this run writes as it exits (StartupArchives), or null. */
    private StartupArchives.PendingArchive archiveDue;

    ManagedProcess(ProcessSpec spec, Supervisor sup) {
        this.spec = spec;
        this.sup = sup;
        this.state = spec.runnable() ? ProcessState.STOPPED : ProcessState.SKIPPED;
    }

    ProcessSpec spec() {
        return spec;
    }

    synchronized boolean adopt() {
        if (!spec.runnable()) {
            return false;
        }
        Optional<Long> pid = sup.pidFiles().read(spec.name());
        if (pid.isEmpty()) {
            return false;
        }
        Optional<ProcessHandle> found = ProcessHandle.of(pid.get()).filter(ProcessHandle::isAlive);
        boolean ours = found.flatMap(h -> h.info().commandLine()).map(cl -> cl.contains(spec.match())).orElse(false);
        if (!ours) {
            sup.pidFiles().delete(spec.name());
            return false;
        }
        ProcessHandle h = found.get();
        wanted = true;
        attach(h, h.onExit().thenApply(p -> null), true, h.info().startInstant().orElse(Instant.now()));
        return true;
    }

    /** Operator or start-up: run it. A FAILED process gets a fresh crash history. */
    synchronized void start() {
        if (!spec.runnable()) {
            return;
        }
        wanted = true;
        if (handle != null) {
            return;
        }
        cancelPendingRestart();
        crashes.clear();
        consecutiveCrashes = 0;
        launch();
    }

    /** SIGTERM, grace, SIGKILL of the whole tree; returns once it has exited (or could not be killed). */
    void stop() {
        ProcessHandle h;
        Duration grace;
        synchronized (this) {
            wanted = false;
            cancelPendingRestart();
            h = handle;
            if (h == null) {
                if (state == ProcessState.BACKOFF || state == ProcessState.FAILED) {
                    setState(ProcessState.STOPPED, "stopped by operator");
                }
                return;
            }
            setState(ProcessState.STOPPING, null);
            grace = stopGrace();
        }
        ProcessTree.stop(h, grace);
        awaitState(s -> s != ProcessState.STOPPING, Duration.ofSeconds(10));
    }

    synchronized boolean awaitSettled(Duration timeout) {
        return awaitState(ProcessState::settled, timeout);
    }

    synchronized boolean awaitState(java.util.function.Predicate<ProcessState> condition, Duration timeout) {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (!condition.test(state)) {
            long left = deadline - System.nanoTime();
            if (left <= 0) {
                return false;
            }
            try {
                TimeUnit.NANOSECONDS.timedWait(this, left);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return false;
            }
        }
        return true;
    }

    /** Called by the supervisor's ticker: probes health when one is due, without holding the monitor. */
    void probeIfDue(Instant now) {
        long gen;
        synchronized (this) {
            boolean probed = state == ProcessState.STARTING || state == ProcessState.RUNNING || state == ProcessState.UNHEALTHY;
            if (probing || handle == null || !probed) {
                return;
            }
            Duration interval = state == ProcessState.STARTING ? sup.policy().startProbeInterval() : sup.policy().probeInterval();
            if (lastProbe != null && now.isBefore(lastProbe.plus(interval))) {
                return;
            }
            probing = true;
            gen = generation;
        }
        sup.workers().execute(() -> {
            HealthProbe.Result r;
            try {
                r = spec.health().check();
            } catch (RuntimeException e) {
                r = new HealthProbe.Result(false, 0, e.toString());
            }
            probed(gen, r);
        });
    }

    synchronized ProcessStatus status() {
        return new ProcessStatus(spec.name(), spec.order(), spec.port(), state, handle != null ? handle.pid() : null,
                handle != null ? startedAt : null, adopted, restarts, lastExitCode, lastError,
                lastHealth != null ? lastHealth.healthy() : null, lastHealth != null ? lastHealth.detail() : null,
                lastHealth != null ? lastHealth.latencyMs() : null, lastProbe, spec.skipReason());
    }

    private void launch() {
        if (spec.port() > 0 && new TcpHealthProbe("127.0.0.1", spec.port()).check().healthy()) {
            // someone else's process would answer this one's health checks: never start next to it
            lastError = "port " + spec.port() + " is already in use by a process Helm did not start";
            crashed(lastError);
            return;
        }
        StartupArchives.Launch how = sup.archives() != null ? sup.archives().launch(spec) : new StartupArchives.Launch(spec.command(), null);
        ProcessBuilder pb = new ProcessBuilder(how.command()).directory(spec.workDir().toFile());
        for (String key : NOT_INHERITED) {
            pb.environment().remove(key);
        }
        // platform settings (Settings page) first, so a process's own variables win
        pb.environment().putAll(sup.platformEnv());
        pb.environment().putAll(spec.env());
        try {
            File out = sup.output().prepare(spec.name()).toFile();
            pb.redirectErrorStream(true).redirectOutput(Redirect.appendTo(out)).redirectInput(Redirect.from(new File("/dev/null")));
            Process p = pb.start();
            attach(p.toHandle(), p.onExit().thenApply(Process::exitValue), false, Instant.now());
            archiveDue = how.archive();
        } catch (IOException | RuntimeException e) {
            lastError = "could not launch " + String.join(" ", how.command()) + ": " + e.getMessage();
            setState(ProcessState.FAILED, lastError);
        }
    }

    private void attach(ProcessHandle h, CompletableFuture<Integer> exit, boolean wasAdopted, Instant started) {
        long gen = ++generation;
        handle = h;
        adopted = wasAdopted;
        startedAt = started;
        startDeadline = Instant.now().plus(spec.startTimeout());
        failedProbes = 0;
        lastHealth = null;
        lastProbe = null;
        killReason = null;
        archiveDue = null;
        sup.pidFiles().write(spec.name(), h.pid());
        setState(ProcessState.STARTING, wasAdopted ? "adopted from its pid file" : null);
        exit.whenComplete((code, error) -> exited(gen, code));
    }

    private synchronized void exited(long gen, Integer code) {
        if (gen != generation) {
            return;
        }
        ProcessState was = state;
        handle = null;
        lastExitCode = code;
        sup.pidFiles().delete(spec.name());
        if (archiveDue != null) {
            // before any restart: the next launch maps the archive this exit wrote
            sup.archives().collect(archiveDue, code);
            archiveDue = null;
        }
        String exitText = code != null ? "exit code " + code : "exited";
        if (was == ProcessState.STOPPING || !wanted) {
            setState(ProcessState.STOPPED, exitText);
            return;
        }
        String why = killReason != null ? killReason
                : (was == ProcessState.STARTING ? "failed to start (" + exitText + ")" : "crashed (" + exitText + ")");
        killReason = null;
        lastError = why + "\n" + String.join("\n", sup.output().tail(spec.name(), TAIL_LINES));
        crashed(why);
    }

    private void crashed(String why) {
        Instant now = Instant.now();
        crashes.addLast(now);
        while (!crashes.isEmpty() && crashes.peekFirst().isBefore(now.minus(sup.policy().crashLoopWindow()))) {
            crashes.removeFirst();
        }
        if (crashes.size() > sup.policy().crashLoopLimit()) {
            setState(ProcessState.FAILED, "crash loop: " + crashes.size() + " crashes within "
                    + sup.policy().crashLoopWindow().toSeconds() + " s, not restarted again; last: " + why);
            return;
        }
        consecutiveCrashes++;
        Duration delay = sup.policy().backoff(consecutiveCrashes);
        setState(ProcessState.BACKOFF, why + "; restarting in " + delay.toMillis() + " ms");
        long gen = generation;
        pendingRestart = sup.scheduler().schedule(() -> restartAfterBackoff(gen), delay.toMillis(), TimeUnit.MILLISECONDS);
    }

    private synchronized void restartAfterBackoff(long gen) {
        if (gen != generation || state != ProcessState.BACKOFF || !wanted) {
            return;
        }
        restarts++;
        launch();
    }

    private synchronized void probed(long gen, HealthProbe.Result r) {
        probing = false;
        lastProbe = Instant.now();
        if (gen != generation || handle == null || killReason != null) {
            return;
        }
        lastHealth = r;
        switch (state) {
            case STARTING -> {
                // "alive" is weak evidence: like supervisord's startsecs, a process without a health
                // check must stay up a moment before it counts as started, so one that exits at once
                // is reported as failed to start (its exit callback follows), never as running
                boolean started = r.healthy() && handle.isAlive() && (spec.health() != HealthProbe.ALIVE
                        || !lastProbe.isBefore(startedAt.plus(MIN_ALIVE)));
                if (started) {
                    consecutiveCrashes = 0;
                    failedProbes = 0;
                    setState(ProcessState.RUNNING, "healthy after "
                            + Duration.between(startedAt, lastProbe).toMillis() / 1000.0 + " s");
                } else if (lastProbe.isAfter(startDeadline)) {
                    killForRestart("not healthy " + spec.startTimeout().toSeconds() + " s after start (" + r.detail() + ")");
                }
            }
            case RUNNING, UNHEALTHY -> {
                if (r.healthy()) {
                    failedProbes = 0;
                    if (state == ProcessState.UNHEALTHY) {
                        setState(ProcessState.RUNNING, "healthy again");
                    }
                } else if (++failedProbes >= sup.policy().unhealthyProbes()) {
                    killForRestart("unhealthy for " + failedProbes + " probes (" + r.detail() + ")");
                } else if (state == ProcessState.RUNNING) {
                    setState(ProcessState.UNHEALTHY, r.detail());
                }
            }
            default -> { }
        }
    }

    private void killForRestart(String why) {
        killReason = why;
        ProcessHandle h = handle;
        sup.emit(new SupervisorEvent(Instant.now(), spec.name(), state, h.pid(), "killing: " + why));
        // an unhealthy service is not kept waiting for its archive: coming back sooner matters more
        sup.workers().execute(() -> ProcessTree.stop(h, sup.policy().stopGrace()));
    }

    /** SIGTERM to SIGKILL: longer while the JVM has its class-data archive to write as it exits. */
    private Duration stopGrace() {
        return archiveDue != null ? sup.policy().stopGrace().plus(ARCHIVE_WRITE_GRACE) : sup.policy().stopGrace();
    }

    private void cancelPendingRestart() {
        if (pendingRestart != null) {
            pendingRestart.cancel(false);
            pendingRestart = null;
        }
    }

    private void setState(ProcessState next, String detail) {
        state = next;
        sup.emit(new SupervisorEvent(Instant.now(), spec.name(), next, handle != null ? handle.pid() : null, detail));
        notifyAll();
    }
}
