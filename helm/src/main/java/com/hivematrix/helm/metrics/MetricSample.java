package com.hivematrix.helm.metrics;

import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * One point of a service's time series: a raw poll or a bucket's aggregate (averages; uptime and
 * restarts the bucket's maximum). Fields the poller could not read are null, e.g. CPU and memory
 * of a service Helm does not supervise (it has no pid for it).
 *
 * @param healthyRatio share of healthy probes: 0 or 1 for a raw sample
 */
public record MetricSample(String service, Instant sampledAt, Double cpuPercent, Double rssMb, Double threads,
        Double openFiles, Long uptimeSeconds, Integer restarts, Double healthLatencyMs, Double healthyRatio) {

    public Map<String, Object> json() {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("t", sampledAt.toString());
        m.put("cpu_percent", cpuPercent);
        m.put("rss_mb", rssMb);
        m.put("threads", threads);
        m.put("open_files", openFiles);
        m.put("uptime_seconds", uptimeSeconds);
        m.put("restarts", restarts);
        m.put("health_latency_ms", healthLatencyMs);
        m.put("healthy_ratio", healthyRatio);
        return m;
    }
}
