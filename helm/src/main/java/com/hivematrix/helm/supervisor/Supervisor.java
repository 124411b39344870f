package com.hivematrix.helm.supervisor;

import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.NavigableMap;
import java.util.TreeMap;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import com.hivematrix.shared.problem.ProblemException;

/**
 * Owns the lifecycle of a fixed set of processes: starts them group by group (a group becomes
 * healthy before the next one starts, processes within a group start together), probes their
 * health, restarts crashed or persistently unhealthy ones with exponential backoff up to a
 * crash-loop limit, and stops whole process trees. Closing the supervisor leaves its processes
 * running: a later supervisor adopts them through their pid files.
 */
public final class Supervisor implements AutoCloseable {

    private static final Logger log = LoggerFactory.getLogger(Supervisor.class);

    private final Map<String, ManagedProcess> processes = new LinkedHashMap<>();
    private final SupervisorPolicy policy;
    private final PidFiles pidFiles;
    private final OutputFiles output;
    private final ScheduledExecutorService scheduler;
    private final ExecutorService workers;
    private final List<Consumer<SupervisorEvent>> listeners = new CopyOnWriteArrayList<>();
    private final ScheduledFuture<?> ticker;
    /** Read at every launch, so saved settings apply to each process when it next starts. */
    private volatile java.util.function.Supplier<Map<String, String>> platformEnv = Map::of;
    /** Class-data archives for Spring Boot processes; null runs every command as planned. */
    private volatile StartupArchives archives;
    /** Bumped by stopAll: a start-up in progress stops launching further groups. */
    private final java.util.concurrent.atomic.AtomicLong stopEpoch = new java.util.concurrent.atomic.AtomicLong();

    public Supervisor(List<ProcessSpec> specs, SupervisorPolicy policy, Path runDir, Path logDir) {
        this.policy = policy;
        this.pidFiles = new PidFiles(runDir);
        this.output = new OutputFiles(logDir, policy.logMaxBytes(), policy.logFiles());
        specs.stream().sorted((a, b) -> Integer.compare(a.order(), b.order()))
                .forEach(s -> processes.put(s.name(), new ManagedProcess(s, this)));
        this.scheduler = Executors.newSingleThreadScheduledExecutor(daemon("helm-supervisor"));
        this.workers = Executors.newCachedThreadPool(daemon("helm-supervisor-work"));
        long tick = Math.max(50, policy.startProbeInterval().toMillis() / 2);
        this.ticker = scheduler.scheduleWithFixedDelay(this::tick, tick, tick, TimeUnit.MILLISECONDS);
    }

    /** Takes over processes a previous Helm started (pid file present, command line matches). */
    public List<String> adoptAll() {
        List<String> adopted = new ArrayList<>();
        processes.values().forEach(p -> {
            if (p.adopt()) {
                adopted.add(p.spec().name());
            }
        });
        return adopted;
    }

    /** Starts every runnable process in order; returns once each has settled (or its wait ran out). */
    public void startAll() {
        long epoch = stopEpoch.get();
        prepareArchives();
        for (List<ManagedProcess> group : groups().values()) {
            if (stopEpoch.get() != epoch) {
                return;
            }
            group.forEach(ManagedProcess::start);
            for (ManagedProcess p : group) {
                p.awaitSettled(settleTimeout(p.spec()));
            }
        }
    }

    /** Stops every process, highest group first; processes within a group stop together. */
    public void stopAll() {
        stopEpoch.incrementAndGet();
        for (List<ManagedProcess> group : groups().descendingMap().values()) {
            CompletableFuture.allOf(group.stream()
                    .map(p -> CompletableFuture.runAsync(p::stop, workers)).toArray(CompletableFuture[]::new)).join();
        }
    }

    public void start(String name) {
        require(name).start();
    }

    public void stop(String name) {
        require(name).stop();
    }

    /** Operator restart: stop the tree, start afresh (clears a crash loop). */
    public void restart(String name) {
        ManagedProcess p = require(name);
        p.stop();
        p.start();
    }

    /** Waits until the process is running, failed, stopped or skipped. */
    public boolean awaitSettled(String name, Duration timeout) {
        return require(name).awaitSettled(timeout);
    }

    /** Waits as long as the process's own start-up may take, including a restart after a crash. */
    public boolean awaitSettled(String name) {
        ManagedProcess p = require(name);
        return p.awaitSettled(settleTimeout(p.spec()));
    }

    public ProcessStatus status(String name) {
        return require(name).status();
    }

    public List<ProcessStatus> statuses() {
        return processes.values().stream().map(ManagedProcess::status).toList();
    }

    public boolean contains(String name) {
        return processes.containsKey(name);
    }

    public List<String> outputTail(String name, int lines) {
        require(name);
        return output.tail(name, lines);
    }

    public Duration settleTimeout(ProcessSpec spec) {
        return spec.startTimeout().plus(policy.stopGrace()).plus(policy.backoffMax()).plus(Duration.ofSeconds(5));
    }

    public void setStartupArchives(StartupArchives archives) {
        this.archives = archives;
    }

    StartupArchives archives() {
        return archives;
    }

    /** Extracts every Spring Boot jar at once (in parallel) rather than one by one at each first launch. */
    private void prepareArchives() {
        StartupArchives a = archives;
        if (a == null) {
            return;
        }
        CompletableFuture.allOf(processes.values().stream().map(ManagedProcess::spec)
                .filter(s -> s.runnable() && s.bootJar() != null).map(ProcessSpec::bootJar).distinct()
                .map(jar -> CompletableFuture.runAsync(() -> a.prepare(jar), workers)).toArray(CompletableFuture[]::new)).join();
    }

    public void setPlatformEnv(java.util.function.Supplier<Map<String, String>> platformEnv) {
        this.platformEnv = platformEnv;
    }

    Map<String, String> platformEnv() {
        try {
            return platformEnv.get();
        } catch (RuntimeException e) {
            // an unreadable settings file must not keep a crashed service down
            log.warn("platform settings unavailable, starting without them: {}", e.toString());
            return Map.of();
        }
    }

    public void addListener(Consumer<SupervisorEvent> listener) {
        listeners.add(listener);
    }

    public void removeListener(Consumer<SupervisorEvent> listener) {
        listeners.remove(listener);
    }

    /** Stops supervising; the processes keep running. */
    @Override
    public void close() {
        ticker.cancel(false);
        scheduler.shutdownNow();
        workers.shutdownNow();
    }

    SupervisorPolicy policy() {
        return policy;
    }

    PidFiles pidFiles() {
        return pidFiles;
    }

    OutputFiles output() {
        return output;
    }

    ScheduledExecutorService scheduler() {
        return scheduler;
    }

    ExecutorService workers() {
        return workers;
    }

    void emit(SupervisorEvent event) {
        if (event.state() == ProcessState.FAILED || event.state() == ProcessState.BACKOFF) {
            log.warn("{}", event);
        } else {
            log.info("{}", event);
        }
        for (Consumer<SupervisorEvent> l : listeners) {
            try {
                l.accept(event);
            } catch (RuntimeException e) {
                log.warn("supervisor event listener failed", e);
            }
        }
    }

    private void tick() {
        Instant now = Instant.now();
        for (ManagedProcess p : processes.values()) {
            try {
                p.probeIfDue(now);
                if (p.spec().runnable()) {
                    output.rotateIfNeeded(p.spec().name());
                }
            } catch (RuntimeException e) {
                // one process's trouble (say, an unwritable log) must not stop supervision of all
                log.warn("supervising {} failed: {}", p.spec().name(), e.toString());
            }
        }
    }

    private NavigableMap<Integer, List<ManagedProcess>> groups() {
        NavigableMap<Integer, List<ManagedProcess>> groups = new TreeMap<>();
        processes.values().forEach(p -> groups.computeIfAbsent(p.spec().order(), k -> new ArrayList<>()).add(p));
        return groups;
    }

    private ManagedProcess require(String name) {
        ManagedProcess p = processes.get(name);
        if (p == null) {
            throw ProblemException.notFound("no supervised process named '" + name + "'");
        }
        return p;
    }

    private static java.util.concurrent.ThreadFactory daemon(String name) {
        return r -> {
            Thread t = new Thread(r, name);
            t.setDaemon(true);
            return t;
        };
    }
}
