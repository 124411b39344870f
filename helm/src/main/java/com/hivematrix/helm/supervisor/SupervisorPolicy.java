package com.hivematrix.helm.supervisor;

import java.time.Duration;

/**
 * How the supervisor treats its processes.
 *
 * @param backoffInitial delay before the first restart after a crash; doubles per consecutive crash
 * @param backoffMax longest delay between restarts
 * @param crashLoopLimit restarts allowed within {@code crashLoopWindow}; one more crash and the
 *        process is left FAILED until an operator starts it again
 * @param unhealthyProbes consecutive failed health probes of a running process before it is restarted
 * @param probeInterval time between health probes of a running process
 * @param startProbeInterval time between health probes while a process starts
 * @param stopGrace time between SIGTERM and SIGKILL of the process tree
 * @param logMaxBytes size at which a process's output file is rotated
 * @param logFiles rotated output files kept besides the live one
 */
public record SupervisorPolicy(Duration backoffInitial, Duration backoffMax, int crashLoopLimit, Duration crashLoopWindow,
        int unhealthyProbes, Duration probeInterval, Duration startProbeInterval, Duration stopGrace,
        long logMaxBytes, int logFiles) {

    public Duration backoff(int consecutiveCrashes) {
        long ms = backoffInitial.toMillis() << Math.min(Math.max(consecutiveCrashes - 1, 0), 20);
        return Duration.ofMillis(Math.min(ms, backoffMax.toMillis()));
    }
}
