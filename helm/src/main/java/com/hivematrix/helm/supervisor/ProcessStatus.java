package com.hivematrix.helm.supervisor;

import java.time.Instant;

/**
 * A snapshot of one supervised process, for pages and the CLI.
 *
 * @param pid the root of its process tree, or null when not running
 * @param adopted found running from a pid file when Helm started, rather than launched by this Helm
 * @param restarts automatic restarts since Helm started (crashes and failed health)
 * @param lastError why it last crashed or failed, with its last output lines
 */
public record ProcessStatus(String name, int order, int port, ProcessState state, Long pid, Instant startedAt,
        boolean adopted, int restarts, Integer lastExitCode, String lastError, Boolean healthy, String healthDetail,
        Long healthLatencyMs, Instant lastProbe, String skipReason) {
}
