package com.hivematrix.helm.metrics;

import java.net.URI;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;

import com.hivematrix.helm.dashboard.ProcessSampler;
import com.hivematrix.helm.supervisor.HealthProbe;
import com.hivematrix.helm.supervisor.HttpHealthProbe;
import com.hivematrix.helm.supervisor.ProcessState;
import com.hivematrix.helm.supervisor.ProcessStatus;
import com.hivematrix.helm.supervisor.SupervisorService;
import com.hivematrix.shared.config.HivematrixProperties;
import com.hivematrix.shared.registry.ServiceInfo;
import com.hivematrix.shared.registry.ServiceRegistry;

/**
 * The one scheduled poller (every {@code hivematrix.helm.metrics.interval}, 10 s): a sample of
 * every service into {@code metric_samples}. Supervised processes are sampled from /proc through
 * their pids (CPU %, RSS, threads, open files of the whole tree) with the supervisor's latest
 * health probe; without the supervisor Helm only probes each registry service's health URL, so
 * those series carry latency and health but no process figures. Helm samples itself either way.
 */
@Component
public class MetricsPoller {

    private static final Logger log = LoggerFactory.getLogger(MetricsPoller.class);

    private final ObjectProvider<SupervisorService> supervisor;
    private final ServiceRegistry registry;
    private final MetricStore store;
    private final String self;
    private final Instant selfStarted = Instant.now();
    /** Its own sampler: CPU % is measured between two polls, not between a poll and a page view. */
    private final ProcessSampler sampler = new ProcessSampler();
    private final Map<String, MonitoredService> monitored = new ConcurrentHashMap<>();
    private final Duration interval;

    public MetricsPoller(ObjectProvider<SupervisorService> supervisor, ServiceRegistry registry, MetricStore store,
            HivematrixProperties props, @org.springframework.beans.factory.annotation.Value("${hivematrix.helm.metrics.interval:10s}") Duration interval) {
        this.supervisor = supervisor;
        this.registry = registry;
        this.store = store;
        this.self = props.getServiceName();
        this.interval = interval;
    }

    /** Seconds between polls, as the pages state it. */
    public long intervalSeconds() {
        return Math.max(1, interval.toSeconds());
    }

    @Scheduled(initialDelayString = "${hivematrix.helm.metrics.interval:10s}", fixedDelayString = "${hivematrix.helm.metrics.interval:10s}")
    public void scheduled() {
        try {
            poll(Instant.now());
        } catch (RuntimeException e) {
            // PostgreSQL away: this poll's samples are lost, the next poll tries again
            log.warn("metrics poll failed: {}", e.getMessage());
        }
    }

    /** Samples every service once and stores the samples; returns them. */
    public List<MetricSample> poll(Instant now) {
        Instant at = now.truncatedTo(ChronoUnit.MILLIS);
        List<MetricSample> samples = new ArrayList<>();
        samples.add(selfSample(at));
        SupervisorService s = supervisor.getIfAvailable();
        if (s != null) {
            s.statuses().stream().filter(p -> p.state() != ProcessState.SKIPPED).forEach(p -> samples.add(supervised(p, at)));
        } else {
            registry.all().stream().filter(i -> !i.name().equals(self)).forEach(i -> samples.add(probed(i, at)));
        }
        store.insertRaw(samples);
        return samples;
    }

    /** Services probed by this (non-supervising) Helm, by start order then name. */
    public List<MonitoredService> monitored() {
        Map<String, Integer> order = new ConcurrentHashMap<>();
        registry.all().forEach(i -> order.put(i.name(), i.startOrder()));
        return monitored.values().stream()
                .sorted(Comparator.<MonitoredService>comparingInt(m -> order.getOrDefault(m.name(), 1000)).thenComparing(MonitoredService::name))
                .toList();
    }

    public Optional<MonitoredService> monitored(String name) {
        return Optional.ofNullable(monitored.get(name));
    }

    private MetricSample selfSample(Instant at) {
        ProcessSampler.Sample u = sampler.sample(ProcessHandle.current().pid());
        return new MetricSample(self, at, u.cpuPercent(), (double) u.rssMb(), (double) u.threads(), (double) u.openFiles(),
                Duration.between(selfStarted, at).toSeconds(), 0, null, 1.0);
    }

    private MetricSample supervised(ProcessStatus p, Instant at) {
        ProcessSampler.Sample u = p.pid() != null ? sampler.sample(p.pid()) : null;
        Long uptime = p.startedAt() != null && p.pid() != null ? Math.max(0, Duration.between(p.startedAt(), at).toSeconds()) : null;
        Double latency = p.pid() != null && p.healthLatencyMs() != null ? p.healthLatencyMs().doubleValue() : null;
        Double healthy = p.pid() == null ? 0.0 : p.healthy() == null ? null : p.healthy() ? 1.0 : 0.0;
        return new MetricSample(p.name(), at, u == null ? null : u.cpuPercent(), u == null ? null : (double) u.rssMb(),
                u == null ? null : (double) u.threads(), u == null ? null : (double) u.openFiles(), uptime, p.restarts(), latency, healthy);
    }

    private MetricSample probed(ServiceInfo info, Instant at) {
        HealthProbe.Result r;
        try {
            r = new HttpHealthProbe(URI.create(info.healthUrl())).check();
        } catch (IllegalArgumentException e) {
            // not on loopback: Helm only probes what runs on this host
            r = new HealthProbe.Result(false, 0, "not probed: " + e.getMessage());
        }
        monitored.put(info.name(), new MonitoredService(info.name(), info.healthUrl(), r.healthy(), r.detail(), r.latencyMs(), at));
        return new MetricSample(info.name(), at, null, null, null, null, null, null,
                r.healthy() ? (double) r.latencyMs() : null, r.healthy() ? 1.0 : 0.0);
    }
}
