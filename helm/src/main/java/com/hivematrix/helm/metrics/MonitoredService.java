package com.hivematrix.helm.metrics;

import java.time.Instant;

/**
 * The poller's latest look at a service: what the dashboard and the service page show when this
 * Helm does not supervise the processes (it then only probes their health URLs).
 *
 * @param detail the probe's short text (HTTP status, connection error)
 */
public record MonitoredService(String name, String healthUrl, Boolean healthy, String detail, Long latencyMs,
        Instant probedAt) {
}
