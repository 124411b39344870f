package com.hivematrix.helm.supervisor;

/** Whether a running process is ready to serve. Called off the supervisor's locks; may block briefly. */
@FunctionalInterface
public interface HealthProbe {

    /** For processes without a health endpoint: alive means healthy. */
    HealthProbe ALIVE = () -> new Result(true, 0, "alive");

    Result check();

    /** @param detail short text for the status page (HTTP status, error) */
    record Result(boolean healthy, long latencyMs, String detail) {
    }
}
