package com.hivematrix.helm.supervisor;

import java.time.Duration;
import java.time.Instant;
import java.util.List;

/** The plain-text status table the operator CLI prints (`deploy/hivematrix status`). */
final class StatusText {

    private static final String ROW = "%-15s %-10s %-8s %-6s %-20s %-9s %s%n";

    private StatusText() {
    }

    static String table(List<ProcessStatus> statuses, String self, Instant selfStarted) {
        StringBuilder b = new StringBuilder(String.format(ROW, "NAME", "STATE", "PID", "PORT", "HEALTH", "UPTIME", "RESTARTS"));
        b.append(String.format(ROW, self, "running", ProcessHandle.current().pid(), "-", "(supervisor)",
                duration(Duration.between(selfStarted, Instant.now())), "-"));
        for (ProcessStatus s : statuses) {
            b.append(String.format(ROW, s.name(), s.state().name().toLowerCase(), s.pid() != null ? s.pid() : "-",
                    s.port() > 0 ? s.port() : "-", health(s),
                    s.startedAt() != null ? duration(Duration.between(s.startedAt(), Instant.now())) : "-", s.restarts()));
        }
        for (ProcessStatus s : statuses) {
            if (s.state() == ProcessState.SKIPPED) {
                b.append(String.format("  %s: skipped, %s%n", s.name(), s.skipReason()));
            } else if (s.state() == ProcessState.FAILED && s.lastError() != null) {
                b.append(String.format("  %s: %s%n", s.name(), s.lastError().replace("\n", "\n    ")));
            }
        }
        return b.toString();
    }

    static String health(ProcessStatus s) {
        if (s.healthy() == null || s.pid() == null) {
            return "-";
        }
        String d = s.healthDetail() == null ? "" : s.healthDetail();
        String text = (s.healthy() ? "ok " : "FAIL ") + d;
        return text.length() > 20 ? text.substring(0, 20) : text;
    }

    static String duration(Duration d) {
        long s = Math.max(0, d.toSeconds());
        if (s < 60) {
            return s + "s";
        }
        if (s < 3600) {
            return (s / 60) + "m" + (s % 60) + "s";
        }
        if (s < 86400) {
            return (s / 3600) + "h" + (s % 3600 / 60) + "m";
        }
        return (s / 86400) + "d" + (s % 86400 / 3600) + "h";
    }
}
