package com.hivematrix.helm;

import java.time.Duration;

import org.springframework.boot.context.properties.ConfigurationProperties;

/** Helm's own settings ({@code hivematrix.helm.*}). */
@ConfigurationProperties("hivematrix.helm")
public class HelmProperties {

    private final Logs logs = new Logs();

    public Logs getLogs() { return logs; }

    public static class Logs {
        /** Entries older than this (by their timestamp) are deleted. */
        private Duration retention = Duration.ofDays(90);
        /** How often the retention job runs. */
        private Duration retentionInterval = Duration.ofHours(1);
        /** Rows per DELETE statement, so the job never holds long locks or a huge transaction. */
        private int retentionBatchSize = 10_000;
        /** `total` in GET /api/logs is exact up to this many rows, then reported as capped. */
        private int totalCap = 10_000;

        public Duration getRetention() { return retention; }
        public void setRetention(Duration retention) { this.retention = retention; }
        public Duration getRetentionInterval() { return retentionInterval; }
        public void setRetentionInterval(Duration retentionInterval) { this.retentionInterval = retentionInterval; }
        public int getRetentionBatchSize() { return retentionBatchSize; }
        public void setRetentionBatchSize(int retentionBatchSize) { this.retentionBatchSize = retentionBatchSize; }
        public int getTotalCap() { return totalCap; }
        public void setTotalCap(int totalCap) { this.totalCap = totalCap; }
    }
}
