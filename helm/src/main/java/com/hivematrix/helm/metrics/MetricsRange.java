package com.hivematrix.helm.metrics;

import java.time.Duration;
import java.util.Arrays;

import com.hivematrix.shared.problem.ProblemException;

/** The time ranges the metrics page offers, each read from the level that gives it a few hundred to two thousand points. */
public enum MetricsRange {
    H1("1h", Duration.ofHours(1), MetricsRollupJob.RAW),
    H6("6h", Duration.ofHours(6), MetricsRollupJob.RAW),
    H24("24h", Duration.ofHours(24), MetricsRollupJob.FIVE_MINUTES),
    D7("7d", Duration.ofDays(7), MetricsRollupJob.FIVE_MINUTES),
    D30("30d", Duration.ofDays(30), MetricsRollupJob.HOURLY);

    private final String label;
    private final Duration span;
    private final int resolution;

    MetricsRange(String label, Duration span, int resolution) {
        this.label = label;
        this.span = span;
        this.resolution = resolution;
    }

    public String label() {
        return label;
    }

    public Duration span() {
        return span;
    }

    /** 0 for raw samples, else the bucket length in seconds. */
    public int resolution() {
        return resolution;
    }

    public static MetricsRange parse(String s) {
        return Arrays.stream(values()).filter(r -> r.label.equals(s)).findFirst()
                .orElseThrow(() -> ProblemException.badRequest("range must be one of 1h, 6h, 24h, 7d, 30d, got '" + s + "'")
                        .with("field", "range"));
    }
}
