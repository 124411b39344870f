package com.hivematrix.helm.metrics;

import java.time.Duration;
import java.time.Instant;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;

import com.hivematrix.helm.HelmProperties;

/**
 * Downsampling and retention of the metrics: every minute the 5-minute buckets of the last hour
 * are recomputed from the raw samples and the hourly buckets of the last three hours from the
 * 5-minute ones (idempotent upserts, so a run that was missed or a bucket still filling is made
 * right by the next run); then each level loses what is older than its retention.
 */
@Component
public class MetricsRollupJob {

    static final int RAW = 0;
    static final int FIVE_MINUTES = 300;
    static final int HOURLY = 3600;

    private static final Logger log = LoggerFactory.getLogger(MetricsRollupJob.class);

    private final MetricStore store;
    private final HelmProperties.Metrics cfg;

    public MetricsRollupJob(MetricStore store, HelmProperties props) {
        this.store = store;
        this.cfg = props.getMetrics();
    }

    @Scheduled(initialDelayString = "60s", fixedDelayString = "${hivematrix.helm.metrics.rollup-interval:60s}")
    public void scheduled() {
        try {
            run(Instant.now());
        } catch (RuntimeException e) {
            log.warn("metrics roll-up failed: {}", e.getMessage());
        }
    }

    public void run(Instant now) {
        store.rollUp(RAW, FIVE_MINUTES, now.minus(Duration.ofHours(1)));
        store.rollUp(FIVE_MINUTES, HOURLY, now.minus(Duration.ofHours(3)));
        store.deleteOlderThan(RAW, now.minus(cfg.getRawRetention()));
        store.deleteOlderThan(FIVE_MINUTES, now.minus(cfg.getFiveMinuteRetention()));
        store.deleteOlderThan(HOURLY, now.minus(cfg.getHourlyRetention()));
    }
}
