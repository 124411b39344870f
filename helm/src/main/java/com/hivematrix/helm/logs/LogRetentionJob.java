package com.hivematrix.helm.logs;

import java.time.Instant;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;

import com.hivematrix.helm.HelmProperties;

/**
 * Deletes entries older than {@code hivematrix.helm.logs.retention} (default 90 days) in batches
 * of {@code retention-batch-size}, each its own short transaction, so ingestion never waits on it.
 * One Helm runs it; with several replicas this becomes a ShedLock job.
 */
@Component
public class LogRetentionJob {

    private static final Logger log = LoggerFactory.getLogger(LogRetentionJob.class);

    private final LogStore store;
    private final HelmProperties props;

    public LogRetentionJob(LogStore store, HelmProperties props) {
        this.store = store;
        this.props = props;
    }

    @Scheduled(initialDelayString = "60s", fixedDelayString = "${hivematrix.helm.logs.retention-interval:1h}")
    public void scheduled() {
        try {
            purge(Instant.now());
        } catch (RuntimeException e) {
            log.warn("Log retention run failed: {}", e.getMessage());
        }
    }

    /** Deletes everything older than now minus the retention; returns how many rows went. */
    public long purge(Instant now) {
        Instant cutoff = now.minus(props.getLogs().getRetention());
        int batch = props.getLogs().getRetentionBatchSize();
        long total = 0;
        int deleted;
        do {
            deleted = store.deleteOlderThan(cutoff, batch);
            total += deleted;
        } while (deleted == batch);
        if (total > 0) {
            log.info("Log retention: deleted {} entries older than {}", total, cutoff);
        }
        return total;
    }
}
