package com.hivematrix.helm.supervisor;

import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executor;
import java.util.concurrent.Executors;
import java.util.function.Consumer;

import jakarta.annotation.PreDestroy;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.boot.context.event.ApplicationReadyEvent;
import org.springframework.context.event.EventListener;
import org.springframework.stereotype.Service;

import com.hivematrix.helm.HelmProperties;
import com.hivematrix.shared.config.HivematrixProperties;
import com.hivematrix.shared.problem.ProblemException;

/**
 * Helm as the platform's supervisor: the processes of deploy/services.json (see
 * {@link ProcessPlan}), pid files in var/run, their output in var/log. On start Helm adopts what
 * a previous Helm left running, then starts the rest. When Helm stops, the processes keep running
 * unless {@code stop-on-shutdown} is set (the systemd unit), so Helm can be restarted or upgraded
 * without taking the platform down.
 */
@Service
@ConditionalOnProperty(name = "hivematrix.helm.supervisor.enabled", havingValue = "true")
public class SupervisorService {

    private static final Logger log = LoggerFactory.getLogger(SupervisorService.class);

    private final Supervisor supervisor;
    private final HelmProperties.Supervisor cfg;
    private final String self;
    private final Instant selfStarted = Instant.now();
    private final Executor background = Executors.newCachedThreadPool(r -> {
        Thread t = new Thread(r, "helm-supervisor-op");
        t.setDaemon(true);
        return t;
    });

    public SupervisorService(HelmProperties helm, HivematrixProperties props, com.hivematrix.helm.settings.SettingsStore settings) {
        this.cfg = helm.getSupervisor();
        this.self = props.getServiceName();
        List<ProcessSpec> specs = ProcessPlan.read(props.getRegistryFile(), props.getHome(), self, cfg);
        this.supervisor = new Supervisor(specs, cfg.policy(), props.getHome().resolve("var/run"), props.getHome().resolve("var/log"));
        this.supervisor.setPlatformEnv(() -> settings.load().processEnvironment());
        if (cfg.isClassDataSharing()) {
            supervisor.setStartupArchives(new StartupArchives(props.getHome().resolve("var/cds"), Path.of(System.getProperty("java.home"))));
        }
    }

    @EventListener(ApplicationReadyEvent.class)
    public void boot() {
        List<String> adopted = supervisor.adoptAll();
        if (!adopted.isEmpty()) {
            log.info("adopted running processes from their pid files: {}", adopted);
        }
        if (cfg.isStartOnBoot()) {
            background.execute(supervisor::startAll);
        }
    }

    @PreDestroy
    public void shutdown() {
        if (cfg.isStopOnShutdown()) {
            log.info("stopping every supervised process before Helm exits");
            supervisor.stopAll();
        }
        supervisor.close();
    }

    public String self() {
        return self;
    }

    public Instant selfStarted() {
        return selfStarted;
    }

    public List<ProcessStatus> statuses() {
        return supervisor.statuses();
    }

    public ProcessStatus status(String name) {
        return supervisor.status(requireOther(name));
    }

    public List<String> outputTail(String name, int lines) {
        return supervisor.outputTail(requireOther(name), lines);
    }

    /** Runs start-up of everything, telling {@code out} each state change until all have settled. */
    public void startAll(Consumer<SupervisorEvent> out) {
        supervisor.addListener(out);
        try {
            supervisor.startAll();
        } finally {
            supervisor.removeListener(out);
        }
    }

    public void stopAll() {
        supervisor.stopAll();
    }

    /** Restarts every running or failed process in start order, in the background (Settings' "restart all"). */
    public void restartAllLater() {
        background.execute(() -> supervisor.statuses().stream()
                .filter(p -> p.state() != ProcessState.SKIPPED && p.state() != ProcessState.STOPPED)
                .forEach(p -> {
                    supervisor.restart(p.name());
                    supervisor.awaitSettled(p.name());
                }));
    }

    /** Blocking: returns once the action is done and the process has settled (or its wait ran out). */
    public ProcessStatus act(String name, Action action) {
        requireOther(name);
        switch (action) {
            case START -> supervisor.start(name);
            case STOP -> supervisor.stop(name);
            case RESTART -> supervisor.restart(name);
        }
        supervisor.awaitSettled(name);
        return supervisor.status(name);
    }

    /** For pages: the action runs in the background, the page redirects at once. */
    public CompletableFuture<ProcessStatus> actLater(String name, Action action) {
        requireOther(name);
        return CompletableFuture.supplyAsync(() -> act(name, action), background);
    }

    private String requireOther(String name) {
        if (self.equals(name)) {
            throw ProblemException.conflict("Helm does not stop or restart itself; use deploy/hivematrix or systemctl")
                    .with("field", "name");
        }
        if (!supervisor.contains(name)) {
            throw ProblemException.notFound("no supervised process named '" + name + "'").with("field", "name");
        }
        return name;
    }

    /** What an operator may do to a process. */
    public enum Action {
        START, STOP, RESTART;

        public static Action parse(String s) {
            for (Action a : values()) {
                if (a.name().equalsIgnoreCase(s)) {
                    return a;
                }
            }
            throw ProblemException.badRequest("action must be start, stop or restart, got '" + s + "'").with("field", "action");
        }
    }
}
