-- Time series of the metrics poller. resolution 0 holds the raw samples (one per poll); 300 and
-- 3600 hold 5-minute and hourly aggregates computed from the level below (MetricsRollupJob), each
-- level with its own retention. One row per service, level and bucket start.
CREATE TABLE metric_samples (
    service_name      TEXT        NOT NULL,
    resolution        INTEGER     NOT NULL CHECK (resolution IN (0, 300, 3600)),
    sampled_at        TIMESTAMPTZ NOT NULL,
    cpu_percent       REAL,
    rss_mb            REAL,
    threads           REAL,
    open_files        REAL,
    uptime_seconds    BIGINT,
    restarts          INTEGER,
    health_latency_ms REAL,
    -- share of the bucket's samples that were healthy (0 or 1 for a raw sample)
    healthy_ratio     REAL,
    samples           INTEGER     NOT NULL DEFAULT 1,
    PRIMARY KEY (service_name, resolution, sampled_at)
);

-- the retention delete runs per level by time
CREATE INDEX metric_samples_level_ts_idx ON metric_samples (resolution, sampled_at);
