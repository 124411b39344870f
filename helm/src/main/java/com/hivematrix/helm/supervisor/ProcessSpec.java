package com.hivematrix.helm.supervisor;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;

/**
 * One process Helm supervises.
 *
 * @param order start group: lower groups start (and become healthy) before higher ones
 * @param command program and arguments, started without a shell
 * @param env added to Helm's own environment
 * @param match text the command line of a process found in its pid file must contain before Helm
 *        adopts it, so a recycled pid never makes Helm adopt (or later kill) a stranger
 * @param startTimeout how long a fresh process may take to become healthy
 * @param skipReason non-null when the process cannot run here (e.g. its jar is not built)
 * @param port its listening port, or 0; only reported
 * @param bootJar the Spring Boot jar the command runs with {@code -jar}, or null; Helm may run it from
 *        its extracted form with a class-data archive instead ({@link StartupArchives})
 */
public record ProcessSpec(String name, int order, List<String> command, Map<String, String> env, Path workDir,
        HealthProbe health, String match, Duration startTimeout, String skipReason, int port, Path bootJar) {

    public ProcessSpec {
        command = List.copyOf(command);
        env = Map.copyOf(env);
    }

    public static ProcessSpec skipped(String name, int order, String reason, int port) {
        return new ProcessSpec(name, order, List.of(), Map.of(), Path.of("."), HealthProbe.ALIVE, "", Duration.ZERO, reason, port, null);
    }

    public boolean runnable() {
        return skipReason == null;
    }
}
