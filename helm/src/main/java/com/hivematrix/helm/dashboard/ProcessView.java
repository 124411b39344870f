package com.hivematrix.helm.dashboard;

import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;

import com.hivematrix.helm.supervisor.ProcessState;
import com.hivematrix.helm.supervisor.ProcessStatus;

/** One row of the dashboard and of GET /api/supervisor/processes (the original's snake_case names). */
public record ProcessView(String name, String state, String badge, Long pid, Integer port, Instant startedAt,
        Long uptimeSeconds, int restarts, boolean adopted, Boolean healthy, String healthDetail, Long healthLatencyMs,
        Instant lastProbe, Integer lastExitCode, String lastError, String skipReason, boolean controllable,
        ProcessSampler.Sample usage) {

    static ProcessView of(ProcessStatus s, ProcessSampler sampler) {
        if (s.pid() == null) {
            // a probe result belongs to the process that was probed; nothing runs now
            s = new ProcessStatus(s.name(), s.order(), s.port(), s.state(), null, null, false, s.restarts(), s.lastExitCode(),
                    s.lastError(), null, null, null, s.lastProbe(), s.skipReason());
        }
        Long uptime = s.startedAt() == null ? null : Math.max(0, Duration.between(s.startedAt(), Instant.now()).toSeconds());
        return new ProcessView(s.name(), s.state().name().toLowerCase(), badge(s.state()), s.pid(), s.port() > 0 ? s.port() : null,
                s.startedAt(), uptime, s.restarts(), s.adopted(), s.healthy(), s.healthDetail(), s.healthLatencyMs(),
                s.lastProbe(), s.lastExitCode(), s.lastError(), s.skipReason(), s.state() != ProcessState.SKIPPED,
                s.pid() != null ? sampler.sample(s.pid()) : null);
    }

    /** Helm's own row: shown, never controllable from the UI. */
    static ProcessView self(String name, Instant started, int port, ProcessSampler sampler) {
        long pid = ProcessHandle.current().pid();
        return new ProcessView(name, "running", "badge badge--success", pid, port, started,
                Duration.between(started, Instant.now()).toSeconds(), 0, false, true, "this process", 0L, Instant.now(),
                null, null, null, false, sampler.sample(pid));
    }

    static String badge(ProcessState state) {
        return switch (state) {
            case RUNNING -> "badge badge--success";
            case STARTING, STOPPING, BACKOFF, UNHEALTHY -> "badge badge--warning";
            case FAILED -> "badge badge--danger";
            case STOPPED, SKIPPED -> "badge badge--outline";
        };
    }

    /** Uptime as the page shows it: 42s, 5m 3s, 2h 10m, 3d 4h. */
    public String uptime() {
        if (uptimeSeconds == null) {
            return "—";
        }
        long s = uptimeSeconds;
        if (s < 60) {
            return s + "s";
        }
        if (s < 3600) {
            return s / 60 + "m " + s % 60 + "s";
        }
        if (s < 86400) {
            return s / 3600 + "h " + s % 3600 / 60 + "m";
        }
        return s / 86400 + "d " + s % 86400 / 3600 + "h";
    }

    public Map<String, Object> json() {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("name", name);
        m.put("state", state);
        m.put("pid", pid);
        m.put("port", port);
        m.put("started_at", startedAt == null ? null : startedAt.toString());
        m.put("uptime_seconds", uptimeSeconds);
        m.put("restarts", restarts);
        m.put("adopted", adopted);
        m.put("healthy", healthy);
        m.put("health_detail", healthDetail);
        m.put("health_latency_ms", healthLatencyMs);
        m.put("last_probe", lastProbe == null ? null : lastProbe.toString());
        m.put("last_exit_code", lastExitCode);
        m.put("last_error", lastError);
        m.put("skip_reason", skipReason);
        m.put("controllable", controllable);
        m.put("rss_mb", usage == null ? null : usage.rssMb());
        m.put("cpu_percent", usage == null ? null : usage.cpuPercent());
        m.put("threads", usage == null ? null : usage.threads());
        m.put("open_files", usage == null ? null : usage.openFiles());
        return m;
    }
}
