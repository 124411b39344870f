package com.hivematrix.helm.metrics;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.List;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;
import org.springframework.transaction.annotation.Transactional;

/**
 * The {@code metric_samples} table: raw samples (resolution 0) and their 5-minute and hourly
 * aggregates. Roll-ups are idempotent (a bucket is recomputed from the level below and upserted),
 * so a bucket that was still filling when last rolled up is simply corrected on the next run.
 */
@Repository
public class MetricStore {

    private static final String COLUMNS = "service_name, sampled_at, cpu_percent, rss_mb, threads, open_files, "
            + "uptime_seconds, restarts, health_latency_ms, healthy_ratio";

    private final JdbcClient jdbc;

    public MetricStore(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    @Transactional
    public void insertRaw(List<MetricSample> samples) {
        for (MetricSample s : samples) {
            jdbc.sql("INSERT INTO metric_samples (resolution, " + COLUMNS + ") VALUES (0, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?) "
                    + "ON CONFLICT (service_name, resolution, sampled_at) DO NOTHING")
                    .params(s.service(), Timestamp.from(s.sampledAt()), s.cpuPercent(), s.rssMb(), s.threads(), s.openFiles(),
                            s.uptimeSeconds(), s.restarts(), s.healthLatencyMs(), s.healthyRatio())
                    .update();
        }
    }

    /**
     * Recomputes the {@code resolution}-second buckets that start at or after {@code since} from the
     * level below ({@code source}); a bucket's sample count is the number of raw samples in it.
     */
    @Transactional
    public int rollUp(int source, int resolution, Instant since) {
        return jdbc.sql("""
                INSERT INTO metric_samples (service_name, resolution, sampled_at, cpu_percent, rss_mb, threads, open_files,
                                            uptime_seconds, restarts, health_latency_ms, healthy_ratio, samples)
                SELECT service_name, :resolution,
                       to_timestamp(floor(extract(epoch FROM sampled_at) / :resolution) * :resolution) AS bucket,
                       sum(cpu_percent * samples) / nullif(sum(samples) FILTER (WHERE cpu_percent IS NOT NULL), 0),
                       sum(rss_mb * samples) / nullif(sum(samples) FILTER (WHERE rss_mb IS NOT NULL), 0),
                       sum(threads * samples) / nullif(sum(samples) FILTER (WHERE threads IS NOT NULL), 0),
                       sum(open_files * samples) / nullif(sum(samples) FILTER (WHERE open_files IS NOT NULL), 0),
                       max(uptime_seconds), max(restarts),
                       sum(health_latency_ms * samples) / nullif(sum(samples) FILTER (WHERE health_latency_ms IS NOT NULL), 0),
                       sum(healthy_ratio * samples) / nullif(sum(samples) FILTER (WHERE healthy_ratio IS NOT NULL), 0),
                       sum(samples)
                  FROM metric_samples
                 WHERE resolution = :source
                   AND sampled_at >= to_timestamp(floor(extract(epoch FROM CAST(:since AS timestamptz)) / :resolution) * :resolution)
                 GROUP BY service_name, bucket
                ON CONFLICT (service_name, resolution, sampled_at) DO UPDATE SET
                       cpu_percent = EXCLUDED.cpu_percent, rss_mb = EXCLUDED.rss_mb, threads = EXCLUDED.threads,
                       open_files = EXCLUDED.open_files, uptime_seconds = EXCLUDED.uptime_seconds,
                       restarts = EXCLUDED.restarts, health_latency_ms = EXCLUDED.health_latency_ms,
                       healthy_ratio = EXCLUDED.healthy_ratio, samples = EXCLUDED.samples
                """)
                .param("resolution", resolution)
                .param("source", source)
                .param("since", Timestamp.from(since))
                .update();
    }

    /** Deletes the level's points older than {@code cutoff}; returns how many went. */
    @Transactional
    public int deleteOlderThan(int resolution, Instant cutoff) {
        return jdbc.sql("DELETE FROM metric_samples WHERE resolution = ? AND sampled_at < ?")
                .params(resolution, Timestamp.from(cutoff))
                .update();
    }

    /** The service's points of one level in [from, to), oldest first. */
    public List<MetricSample> series(String service, int resolution, Instant from, Instant to) {
        return jdbc.sql("SELECT " + COLUMNS + " FROM metric_samples WHERE service_name = ? AND resolution = ? "
                + "AND sampled_at >= ? AND sampled_at < ? ORDER BY sampled_at")
                .params(service, resolution, Timestamp.from(from), Timestamp.from(to))
                .query((rs, i) -> row(rs))
                .list();
    }


    private static MetricSample row(ResultSet rs) throws SQLException {
        return new MetricSample(rs.getString("service_name"), rs.getTimestamp("sampled_at").toInstant(),
                dbl(rs, "cpu_percent"), dbl(rs, "rss_mb"), dbl(rs, "threads"), dbl(rs, "open_files"),
                (Long) rs.getObject("uptime_seconds", Long.class), (Integer) rs.getObject("restarts", Integer.class),
                dbl(rs, "health_latency_ms"), dbl(rs, "healthy_ratio"));
    }

    private static Double dbl(ResultSet rs, String column) throws SQLException {
        float v = rs.getFloat(column);
        return rs.wasNull() ? null : Math.round(v * 10) / 10.0;
    }
}
